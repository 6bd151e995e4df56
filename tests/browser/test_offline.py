"""Working offline in Chromium: the app shell comes from the service worker, captured lines wait in
IndexedDB through a reload and a restart of the server, and each arrives exactly once."""
from __future__ import annotations

import re

import requests
from playwright.sync_api import expect

from tests.support.api import PASSWORD
from tests.support.browser import screenshot
from tests.support.gestures import email

OFFLINE_LINES = ("Re-keys the address into the calculator #rekeying", "Keeps an Excel list of promises #shadow-it",
                 "Calls back customers who already paid #dialler")


def controlled_by_service_worker(page):
    """Wait until the service worker is active and controls the page (it claims it on activation)."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=20_000)


def kept_in_indexeddb(page, user_id: str, count: int):
    """Wait until ``count`` writes are on disk in this person's IndexedDB store (put a moment after they show)."""
    page.wait_for_function("""async ([db, n]) => {
        const open = indexedDB.open(db);
        const conn = await new Promise((ok, fail) => { open.onsuccess = () => ok(open.result); open.onerror = fail; });
        const all = conn.transaction("writes").objectStore("writes").count();
        const got = await new Promise((ok) => { all.onsuccess = () => ok(all.result); });
        conn.close();
        return got >= n;
    }""", arg=[f"clb-offline-{user_id}", count], timeout=10_000)


def captured(page, text: str):
    return page.locator(".captured-item", has_text=text)


def test_lines_captured_offline_survive_a_reload_and_a_server_restart_and_arrive_once(world, browsers, api, server):
    page = browsers.page(email("provider"))
    page.goto(f"/i/{world.initiative}/capture")
    controlled_by_service_worker(page)
    page.get_by_label("Host").fill("Marta Silva, early-arrears agent")
    page.get_by_role("button", name="Start session").click()
    capture = page.get_by_label("Capture observation")
    expect(capture).to_be_focused()
    session_url = page.url
    status = page.locator(".sync-status")

    online_line = "Reads the promise-to-pay off a sticky note #promise-to-pay"
    capture.fill(online_line)
    capture.press("Enter")
    expect(captured(page, online_line)).not_to_have_class(re.compile("pending"))
    expect(status).not_to_contain_text("waiting")

    page.context.set_offline(True)
    expect(status).to_have_text("Offline")  # the browser says it is offline: no write claims to be saved
    for line in OFFLINE_LINES:
        capture.fill(line)
        capture.press("Enter")
    expect(status).to_have_text("Offline · 3 waiting to send")
    expect(page.locator(".captured-item.pending")).to_have_count(3)
    # the API is never answered from a cache
    assert page.evaluate("fetch('/api/v1/me').then(r => 'answered ' + r.status, () => 'failed')") == "failed"

    page.reload()  # offline: the service worker serves the app, IndexedDB the board and the waiting lines
    expect(page.get_by_label("Capture observation")).to_be_visible()
    expect(page.locator(".offline-note")).to_contain_text(re.compile(r"showing the board as of \d\d?:\d\d.*; 3 changes waiting"))
    expect(status).to_have_text("Offline · 3 waiting to send")
    for line in OFFLINE_LINES:
        expect(captured(page, line)).to_have_class(re.compile("pending"))
    expect(captured(page, online_line)).to_have_count(1)
    screenshot(page, "capture-offline")

    server.restart()  # same port, same database
    page.context.set_offline(False)
    expect(page.locator(".captured-item.pending")).to_have_count(0, timeout=20_000)
    expect(status).not_to_contain_text("waiting")
    expect(page.locator(".offline-note")).to_have_count(0)
    assert page.url == session_url

    cards = api(email("provider"))("GET", f"/initiatives/{world.initiative}/cards?kind=observation", expect=200)
    texts = [c["text"] for c in cards]
    for line in (online_line, *OFFLINE_LINES):
        assert texts.count(line) == 1, (line, texts)
    assert len(texts) == 4
    assert len({c["shadowing_session_id"] for c in cards}) == 1
    assert page.errors == []


def test_the_service_worker_and_its_manifest_are_asked_for_again_each_time(server):
    """A new build must reach installed apps: the worker, its manifest and the index are never kept stale."""
    for path in ("/sw.js", "/manifest.webmanifest", "/index.html", "/"):
        r = requests.get(server.url + path, timeout=10)
        assert r.status_code == 200, path
        assert r.headers["Cache-Control"] == "no-cache", path
    manifest = requests.get(server.url + "/manifest.webmanifest", timeout=10).json()
    assert manifest["name"] == "Co-Learning Board" and manifest["start_url"] == "/"
    assert {"192x192", "512x512"} <= {i["sizes"] for i in manifest["icons"]}
    worker = requests.get(server.url + "/sw.js", timeout=10).text
    assert "index.html" in worker
    asset = re.search(r'"(assets/[^"]+\.js)"', worker).group(1)  # the precached build, named by content hash
    assert "immutable" in requests.get(f"{server.url}/{asset}", timeout=10).headers["Cache-Control"]


def test_a_comment_written_offline_is_shown_waiting_after_a_reload_and_arrives_once(world, browsers, api):
    provider = api(email("provider"))
    obs = provider("POST", f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "Agent re-dials twice"}, expect=201)
    page = browsers.page(email("provider"))
    page.goto(f"/i/{world.initiative}?card={obs['id']}")
    controlled_by_service_worker(page)
    drawer = page.get_by_role("dialog")
    composer = drawer.get_by_placeholder(re.compile("Comment"))
    expect(composer).to_be_visible()

    page.context.set_offline(True)
    text = "Ask the dialler team why it retries"
    composer.fill(text)
    composer.press("Enter")
    mine = drawer.locator(".comment", has_text=text)
    expect(mine).to_have_class(re.compile("pending"))
    kept_in_indexeddb(page, world.users["provider"], 1)  # on the disk before the reload, as a person's pause gives

    page.reload()  # offline: the comment waits in IndexedDB and is drawn again, as waiting
    drawer = page.get_by_role("dialog")
    mine = drawer.locator(".comment", has_text=text)
    expect(mine).to_have_count(1)
    expect(mine).to_have_class(re.compile("pending"))
    expect(mine).to_contain_text("Sending…")

    page.context.set_offline(False)
    expect(mine).not_to_have_class(re.compile("pending"), timeout=20_000)
    expect(drawer.locator(".comment", has_text=text)).to_have_count(1)
    comments = provider("GET", f"/cards/{obs['id']}/comments", expect=200)
    assert [c["text"] for c in comments] == [text]
    assert page.errors == []


def test_a_session_started_offline_says_it_waits_for_the_network_and_keeps_what_was_typed(world, browsers, api):
    page = browsers.page(email("provider"))
    page.goto(f"/i/{world.initiative}/capture")
    controlled_by_service_worker(page)
    page.context.set_offline(True)
    page.get_by_label("Host").fill("Marta Silva, early-arrears agent")
    page.get_by_label("Context").fill("Early arrears queue")
    expect(page.get_by_role("status").filter(has_text="You are offline")).to_be_visible()
    page.get_by_role("button", name="Start session").click()
    expect(page.locator(".toast-error")).to_contain_text("cannot be reached")

    page.reload()  # still offline: the app comes from the service worker, the form from this device
    expect(page.get_by_label("Host")).to_have_value("Marta Silva, early-arrears agent")
    expect(page.get_by_label("Context")).to_have_value("Early arrears queue")

    page.context.set_offline(False)
    expect(page.get_by_role("status").filter(has_text="You are offline")).to_have_count(0)
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_label("Capture observation")).to_be_focused()
    sessions = api(email("provider"))("GET", f"/initiatives/{world.initiative}/shadowing-sessions", expect=200)
    assert [s["host"] for s in sessions] == ["Marta Silva, early-arrears agent"]
    page.goto(f"/i/{world.initiative}/capture")  # started: the next session's form is empty again
    expect(page.get_by_label("Host")).to_have_value("")
    assert page.errors == []


def test_what_one_person_left_waiting_is_never_shown_or_sent_by_the_next_on_that_browser(world, browsers, api):
    line = "Reads the balance out to the customer twice"
    rest = api(email("provider"))
    session = rest("POST", f"/initiatives/{world.initiative}/shadowing-sessions", {"host": "Ann"}, expect=201)
    page = browsers.page(email("provider"))
    context = page.context
    page.goto(f"/i/{world.initiative}/capture?session={session['id']}")
    controlled_by_service_worker(page)
    context.set_offline(True)
    page.get_by_label("Capture observation").fill(line)
    page.get_by_label("Capture observation").press("Enter")
    expect(page.locator(".sync-status")).to_have_text("Offline · 1 waiting to send")
    kept_in_indexeddb(page, world.users["provider"], 1)
    page.close()  # the tab is closed with the line still waiting

    # the buyer signs in on the same browser, online: the provider's line is neither shown nor sent
    context.set_offline(False)
    assert context.request.post("/api/v1/auth/login", data={"email": email("buyer"), "password": PASSWORD}).ok
    buyer = context.new_page()
    buyer.goto(f"/i/{world.initiative}")
    expect(buyer.get_by_role("status", name="Connection: Live")).to_be_visible()
    expect(buyer.locator(".sync-status")).not_to_contain_text("waiting")
    buyer.wait_for_timeout(1500)  # time enough for a kept write to go, were it sent
    expect(buyer.locator("article.card", has_text=line)).to_have_count(0)
    assert line not in [c["text"] for c in rest("GET", f"/initiatives/{world.initiative}/cards?kind=observation", expect=200)]
    kept_in_indexeddb(buyer, world.users["provider"], 1)  # still kept on this browser, for its author
