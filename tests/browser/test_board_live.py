"""The web app end to end in Chromium against a real server: sign-in, the live board, conflicts,
the sponsor inbox, shadowing capture, reconnects, and text that must never become HTML."""
from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.realtime.harness import Server
from tests.support.browser import TABLET
from tests.support.gestures import card, drag, email, open_board

XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'


def saved(page):
    """Wait until the board has every write it sent acknowledged: a card or edit shows before the server answers."""
    expect(page.get_by_role("status", name="Connection: Live")).to_be_visible()


def column(page, name: str):
    return page.get_by_role("list", name=name, exact=True)


def test_sign_in_error_switcher_and_sign_out(world, browsers):
    page = browsers.page()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/signin$"))
    page.get_by_label("Email").fill(email("provider"))
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    page.get_by_label("Password").fill("correct-horse-42")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Initiatives")).to_be_visible()
    expect(page.locator(".side-badge")).to_have_text(re.compile("Provider side"))
    expect(page.get_by_role("link", name="Reduce the cost of the collections process")).to_be_visible()

    # the provider serves two buyers: the switcher shows both, with the side in each
    switcher = page.get_by_label("Engagement")
    expect(switcher.locator("option")).to_have_text(["Collections (provider)", "Claims (provider)"])
    switcher.select_option(label="Claims (provider)")
    expect(page.get_by_role("link", name="Faster claims")).to_be_visible()
    expect(page.get_by_role("link", name="Reduce the cost of the collections process")).to_have_count(0)

    page.reload()  # the session survives a reload (GET /me)
    expect(page.get_by_role("link", name="Faster claims")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.goto(f"/i/{world.initiative}")
    expect(page).to_have_url(re.compile(r"/signin\?next="))
    assert page.errors == []


def test_cards_typed_by_one_member_appear_live_for_the_other(world, browsers, api):
    buyer = open_board(browsers.page(email("buyer")), world.initiative)
    provider = open_board(browsers.page(email("provider")), world.initiative)

    # presence: both see both, coloured by side
    for page in (buyer, provider):
        expect(page.locator(".presence .avatar")).to_have_count(2)
        expect(page.locator(".presence .avatar.side-buyer")).to_have_count(1)
        expect(page.locator(".presence .avatar.side-provider")).to_have_count(1)

    box = buyer.get_by_label("Add observation")
    box.fill("Agents re-key the address into the calculator #rekeying")
    started = time.monotonic()
    box.press("Enter")
    expect(card(provider, "Agents re-key the address")).to_be_visible(timeout=1500)
    assert time.monotonic() - started < 1.5
    expect(box).to_be_focused()  # keeps focus for the next one
    expect(box).to_have_value("")
    box.fill("Customers are called three times a day")
    box.press("Enter")
    expect(card(provider, "three times a day")).to_be_visible(timeout=1500)

    seen = card(provider, "Agents re-key the address")
    expect(seen.locator(".byline-name")).to_have_text("Buyer")
    expect(seen).to_have_class(re.compile("side-buyer"))
    expect(seen.locator(".tag")).to_have_text("#rekeying")
    stored = [c for c in api(email("buyer"))("GET", f"/initiatives/{world.initiative}/cards", expect=200)
              if c["kind"] == "observation"]
    assert {tuple(c["tags"]) for c in stored} == {("rekeying",), ()}

    # the provider edits in place (Enter on the focused card), the buyer sees it; Escape cancels
    body = card(provider, "three times a day").locator(".card-body")
    body.focus()
    body.press("Enter")
    editor = provider.get_by_label("Observation text")
    expect(editor).to_be_focused()
    editor.fill("Customers are called up to three times a day")
    editor.press("Enter")
    expect(card(buyer, "up to three times a day")).to_be_visible()
    card(provider, "up to three times").locator(".card-body").dblclick()
    provider.get_by_label("Observation text").fill("thrown away")
    provider.keyboard.press("Escape")
    expect(card(provider, "up to three times a day")).to_be_visible()
    expect(provider.get_by_label("Observation text")).to_have_count(0)

    # delete with undo: gone for both, back for both
    provider.get_by_role("button", name=re.compile(r"^Delete Observation.*up to three times")).click()
    expect(card(buyer, "up to three times a day")).to_have_count(0)
    provider.get_by_role("button", name="Undo").click()
    expect(card(buyer, "up to three times a day")).to_be_visible()
    expect(card(provider, "up to three times a day")).to_be_visible()

    # the activity feed, from the event log, says who did what
    buyer.get_by_role("button", name="Activity").click()
    feed = buyer.locator(".activity")
    expect(feed).to_contain_text("Provider restored")
    expect(feed).to_contain_text("Buyer added an observation")
    assert buyer.errors == [] and provider.errors == []


def test_drag_and_keyboard_moves_reach_both_and_refusals_are_shown(world, browsers, api):
    provider_api = api(email("provider"))
    base = f"/initiatives/{world.initiative}/cards"
    exp = provider_api("POST", base, {"kind": "experiment", "title": "Payday SMS pilot", "hypothesis": "We believe an SMS works"}, expect=201)
    provider_api("POST", base, {"kind": "observation", "text": "First observation"}, expect=201)
    provider_api("POST", base, {"kind": "observation", "text": "Second observation"}, expect=201)
    provider_api("POST", base, {"kind": "story", "title": "Paying on payday"}, expect=201)

    wide = {"width": 1700, "height": 900}  # every column in view: no auto-scroll while dragging
    provider = open_board(browsers.page(email("provider"), viewport=wide), world.initiative)
    provider.get_by_role("button", name="Close side panel").click()  # the activity panel would narrow the lanes
    buyer = open_board(browsers.page(email("buyer")), world.initiative)

    # mouse: draft → proposed, seen by the other member
    drag(provider, card(provider, "Payday SMS pilot").locator(".card-body"), column(provider, "Experiments: Proposed"))
    expect(column(buyer, "Experiments: Proposed").locator("article", has_text="Payday SMS pilot")).to_be_visible()
    expect(column(provider, "Experiments: Proposed").locator("article", has_text="Payday SMS pilot")).to_be_visible()

    # proposed → running is refused (KPIs not agreed): the server's reason is shown, the card stays
    drag(provider, card(provider, "Payday SMS pilot").locator(".card-body"), column(provider, "Experiments: Running"))
    expect(provider.locator(".toast-error")).to_contain_text("cannot start yet")
    expect(provider.locator(".toast-error")).to_contain_text("KPIs must be agreed")
    expect(column(provider, "Experiments: Proposed").locator("article", has_text="Payday SMS pilot")).to_be_visible()
    assert provider_api("GET", f"/cards/{exp['id']}", expect=200)["status"] == "proposed"

    # keyboard: Alt+← moves it back to draft for both
    body = card(provider, "Payday SMS pilot").locator(".card-body")
    body.focus()
    body.press("Alt+ArrowLeft")
    expect(column(buyer, "Experiments: Draft").locator("article", has_text="Payday SMS pilot")).to_be_visible()
    expect(card(provider, "Payday SMS pilot").locator(".card-body")).to_be_focused()

    # dnd-kit's keyboard sensor: Space picks up, arrows move, Space drops
    body = card(provider, "Payday SMS pilot").locator(".card-body")
    body.focus()
    provider.keyboard.press("Space")
    expect(provider.locator(".card-slot.dragging")).to_have_count(1)
    provider.wait_for_timeout(50)  # dnd-kit listens for the arrows from the next tick on
    provider.keyboard.press("ArrowRight")
    expect(provider.locator("[id^=DndLiveRegion]")).to_contain_text("over the proposed column")
    provider.keyboard.press("Space")
    expect(column(buyer, "Experiments: Proposed").locator("article", has_text="Payday SMS pilot")).to_be_visible()

    # keyboard reorder: Alt+↑ puts the second observation first, for both
    second = card(provider, "Second observation").locator(".card-body")
    second.focus()
    second.press("Alt+ArrowUp")
    for page in (provider, buyer):
        expect(column(page, "Observations").locator("article .card-text")).to_have_text(["Second observation", "First observation"])

    # mouse reorder back down
    drag(provider, card(provider, "Second observation").locator(".card-body"), card(provider, "First observation"), dy=60)
    for page in (provider, buyer):
        expect(column(page, "Observations").locator("article .card-text")).to_have_text(["First observation", "Second observation"])

    # dropping an observation on a story cites it as evidence
    drag(provider, card(provider, "First observation").locator(".card-body"), card(provider, "Paying on payday"))
    expect(card(buyer, "Paying on payday")).to_contain_text("1 observation as evidence")
    story = next(c for c in provider_api("GET", f"{base}?kind=story", expect=200))
    first = next(c for c in provider_api("GET", f"{base}?kind=observation", expect=200) if c["text"] == "First observation")
    assert story["evidence"] == [first["id"]]

    # ...and the story editor lists observations to link or unlink
    card(buyer, "Paying on payday").locator(".card-body").dblclick()
    buyer.get_by_role("checkbox", name="Second observation").check()
    buyer.get_by_role("button", name="Save").click()
    expect(card(provider, "Paying on payday")).to_contain_text("2 observations as evidence")
    assert provider.errors == [] and buyer.errors == []


def test_a_conflicting_edit_shows_both_versions_and_loses_nothing(world, browsers, api):
    provider_api = api(email("provider"))
    obs = provider_api("POST", f"/initiatives/{world.initiative}/cards",
                       {"kind": "observation", "text": "The dialler calls again"}, expect=201)
    buyer = open_board(browsers.page(email("buyer")), world.initiative)

    body = card(buyer, "The dialler calls again").locator(".card-body")
    body.focus()
    body.press("Enter")
    editor = buyer.get_by_label("Observation text")
    editor.fill("MINE: the dialler calls three times after a promise to pay")
    # meanwhile the provider saves another version
    provider_api("PATCH", f"/cards/{obs['id']}", {"version": 1, "text": "THEIRS: the dialler ignores promises"}, expect=200)
    expect(buyer.get_by_role("status").filter(has_text="changed this card while you were editing")).to_be_visible()
    editor.press("Enter")

    dialog = buyer.get_by_role("dialog", name="This card changed while you were editing")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_test_id("mine-text")).to_have_text("MINE: the dialler calls three times after a promise to pay")
    expect(dialog.get_by_test_id("theirs-text")).to_have_text("THEIRS: the dialler ignores promises")
    expect(dialog.get_by_role("radio", name="Keep your Text")).to_be_checked()

    # "Keep editing" keeps what was typed; saving again now succeeds on top of the current version
    dialog.get_by_role("button", name="Keep editing").click()
    expect(buyer.get_by_label("Observation text")).to_have_value("MINE: the dialler calls three times after a promise to pay")
    buyer.get_by_label("Observation text").press("Enter")
    expect(card(buyer, "MINE: the dialler calls three times")).to_be_visible()
    saved(buyer)
    stored = provider_api("GET", f"/cards/{obs['id']}", expect=200)
    assert stored["text"] == "MINE: the dialler calls three times after a promise to pay" and stored["version"] == 3

    # a second conflict, resolved field by field in the dialog: take theirs
    body = card(buyer, "MINE: the dialler").locator(".card-body")
    body.dblclick()
    buyer.get_by_label("Observation text").fill("MINE again")
    provider_api("PATCH", f"/cards/{obs['id']}", {"version": 3, "text": "THEIRS again"}, expect=200)
    buyer.get_by_label("Observation text").press("Enter")
    dialog = buyer.get_by_role("dialog", name="This card changed while you were editing")
    dialog.get_by_role("radio", name="Keep the current Text").check()
    dialog.get_by_role("button", name="Save my choices").click()
    expect(dialog).to_have_count(0)
    expect(card(buyer, "THEIRS again")).to_be_visible()
    saved(buyer)
    assert provider_api("GET", f"/cards/{obs['id']}", expect=200)["version"] == 4
    assert buyer.errors == []


def test_metered_funding_the_next_tranche_waits_for_the_learning(world, browsers, api):
    provider_api = api(email("provider"))
    exp = provider_api("POST", f"/initiatives/{world.initiative}/cards", {"kind": "experiment", "title": "Coaching"},
                       expect=201)
    req = provider_api("POST", f"/cards/{exp['id']}/budget-requests", {"amount": 3500, "currency": "GBP"}, expect=201)
    api(email("sponsor"))("POST", f"/budget-requests/{req['id']}/decision", {"approve": True}, expect=201)
    rejected = provider_api("POST", f"/cards/{exp['id']}/budget-requests", {"amount": 900, "currency": "GBP"}, expect=201)
    api(email("sponsor"))("POST", f"/budget-requests/{rejected['id']}/decision", {"approve": False, "comment": "No"},
                          expect=201)

    provider = open_board(browsers.page(email("provider")), world.initiative)
    face = card(provider, "Coaching")
    expect(face).to_contain_text("£3,500 approved")
    expect(face).to_contain_text("£900 rejected")  # shown as rejected, never as asked
    face.locator(".card-body").dblclick()
    budget = provider.get_by_role("region", name="Budget")
    expect(budget.locator("li").first).to_contain_text("Tranche 1 · £3,500 approved")
    budget.get_by_role("button", name="Request budget").click()
    budget.get_by_label("Amount").fill("1500")
    budget.get_by_label("Tranche", exact=True).fill("2")
    budget.get_by_role("button", name="Send request").click()
    expect(provider.locator(".toast-error")).to_contain_text("Tranche 2 can be requested once tranche 1's learning card is written")
    budget.get_by_label("What tranche 1 taught").fill("One team halved broken promises")
    budget.get_by_role("button", name="Write learning").click()
    expect(budget).to_contain_text("Learned in tranche 1 One team halved broken promises")
    budget.get_by_role("button", name="Send request").click()
    expect(budget.locator("li", has_text="Tranche 2")).to_contain_text("£1,500 pending")
    assert [r["tranche"] for r in provider_api("GET", f"/cards/{exp['id']}/budget-requests", expect=200)] == [1, 1, 2]
    assert provider.errors == []


def test_sponsor_approves_a_budget_and_the_budget_meter_rises(world, browsers, api):
    provider_api = api(email("provider"))
    exp = provider_api("POST", f"/initiatives/{world.initiative}/cards", {
        "kind": "experiment", "title": "Payday-aligned due dates", "status": "proposed",
        "hypothesis": "We believe promises break because due dates fall before payday.",
        "test": "To verify, we will offer payday dates for four weeks.", "metric": "And measure promises kept.",
        "criterion": "We are right if promises kept rise to 60%.", "audience": "staff"}, expect=201)
    provider_api("POST", f"/cards/{exp['id']}/budget-requests", {"amount": 5000, "currency": "GBP", "purpose": "Agent time"}, expect=201)
    api(email("sponsor2"))("POST", f"/initiatives/{world.initiative}/budget-requests",
                           {"amount": 800, "currency": "GBP", "purpose": "Two days of shadowing"}, expect=201)

    provider = open_board(browsers.page(email("provider")), world.initiative)
    expect(card(provider, "Payday-aligned due dates")).to_contain_text("£5,000 pending")

    # a sponsor cannot decide their own request: disabled, and it says why
    own = browsers.page(email("sponsor2"))
    own.goto(f"/e/{world.engagement}/inbox")
    mine = own.locator("li.request", has_text="£800")
    expect(mine.get_by_text("You requested this budget")).to_be_visible()
    expect(mine.get_by_role("button", name="Approve")).to_be_disabled()
    expect(mine.get_by_role("button", name="Reject")).to_be_disabled()

    sponsor = browsers.page(email("sponsor"))
    sponsor.goto(f"/e/{world.engagement}/inbox")
    request = sponsor.locator("li.request", has_text="£5,000")
    expect(request).to_contain_text("Promises break because due dates fall before payday")  # the test card
    meter = request.get_by_test_id("meter-budget")
    expect(meter).to_have_attribute("data-level", "0")
    # rejecting needs a reason
    request.get_by_role("button", name="Reject").click()
    expect(request.get_by_role("alert")).to_contain_text("Say why")
    request.get_by_label("Amount to approve (GBP)").fill("4000")
    request.get_by_role("button", name="Approve £4,000").click()
    decided = sponsor.locator(".decided li.request")
    expect(decided).to_contain_text("Approved £4,000 of £5,000")
    expect(decided.get_by_test_id("meter-budget")).to_have_attribute("data-level", "2")
    # the facts behind the level, on focus
    decided.get_by_test_id("meter-budget").get_by_role("button").focus()
    expect(decided.get_by_role("region", name=re.compile("Budget: the facts"))).to_contain_text("£4,000.00 approved")

    # the board shows it live: the experiment's budget, and the meter
    expect(card(provider, "Payday-aligned due dates")).to_contain_text("£4,000 approved")
    expect(provider.get_by_test_id("meter-budget")).to_have_attribute("data-level", "2")
    # the initiatives list shows the new level too
    provider.goto(f"/e/{world.engagement}")
    expect(provider.get_by_test_id("meter-budget")).to_have_attribute("data-level", "2")
    assert sponsor.errors == [] and own.errors == []


def test_typed_markup_renders_as_text_and_never_runs(world, browsers, api):
    buyer_api = api(email("buyer"))
    buyer_api("PATCH", f"/initiatives/{world.initiative}", {"version": 1, "title": f"Costs {XSS}"}, expect=200)
    page = open_board(browsers.page(email("buyer")), world.initiative)
    box = page.get_by_label("Add observation")
    box.fill(f"{XSS} #xss")
    box.press("Enter")
    page.get_by_label("Add story").fill(XSS)
    page.get_by_label("Add story").press("Enter")
    expect(card(page, "<script>")).to_have_count(2)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Costs {XSS}")

    other = open_board(browsers.page(email("provider")), world.initiative)  # received through the socket
    for p in (page, other):
        texts = p.locator("article.card").all_text_contents()
        assert sum(XSS in t for t in texts) == 2, texts
        assert p.locator("article.card img, article.card script, h1 img").count() == 0
        p.get_by_role("button", name="Activity").click()
        expect(p.locator(".activity")).to_contain_text("<img src=x")
    page.goto(f"/e/{world.engagement}")
    expect(page.get_by_role("link", name=f"Costs {XSS}")).to_be_visible()
    page.wait_for_timeout(300)
    for p in (page, other):
        assert p.evaluate("window.__xss") is None
        assert p.errors == []


def test_shadowing_capture_with_the_keyboard_only(world, browsers, api):
    page = browsers.page(email("provider"))
    page.goto(f"/i/{world.initiative}/capture")
    host = page.get_by_label("Host")
    expect(host).to_be_focused()
    page.keyboard.type("Marta Silva, early-arrears agent")
    page.keyboard.press("Tab")
    page.keyboard.type("Leeds, outbound queue")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # submits the form
    capture = page.get_by_label("Capture observation")
    expect(capture).to_be_focused()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marta Silva")
    for line in ("Re-keys the address into the calculator #rekeying #CRM",
                 "Keeps an Excel list of promises #shadow-it #promise-to-pay"):
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    page.keyboard.press("Alt+3")
    expect(page.get_by_role("radio", name=re.compile("Quote"))).to_have_attribute("aria-checked", "true")
    page.keyboard.type("“Half my day is calling people who already paid” #dialler")
    expect(page.locator(".preview-tags")).to_contain_text("#dialler")
    page.keyboard.press("Enter")
    captured = page.locator(".captured-item")
    expect(captured).to_have_count(3)
    expect(capture).to_be_focused()
    expect(capture).to_have_value("")
    expect(page.locator(".captured-item.pending")).to_have_count(0)  # shown at once, stored once answered

    cards = api(email("provider"))("GET", f"/initiatives/{world.initiative}/cards?kind=observation", expect=200)
    by_text = {c["text"]: c for c in cards}
    assert by_text["Re-keys the address into the calculator #rekeying #CRM"]["tags"] == ["rekeying", "crm"]
    assert by_text["Keeps an Excel list of promises #shadow-it #promise-to-pay"]["tags"] == ["shadow-it", "promise-to-pay"]
    quote = by_text["“Half my day is calling people who already paid” #dialler"]
    assert quote["observation_kind"] == "quote" and quote["tags"] == ["dialler"]
    assert len({c["shadowing_session_id"] for c in cards}) == 1 and cards[0]["shadowing_session_id"]

    page.get_by_role("button", name="Finish session").click()
    expect(page.get_by_role("status", name="Connection: Live")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/i/{world.initiative}$"))
    expect(card(page, "Half my day")).to_contain_text("Marta Silva")
    session = api(email("provider"))("GET", f"/initiatives/{world.initiative}/shadowing-sessions", expect=200)[0]
    assert session["duration_minutes"] >= 1
    assert page.errors == []


def test_connection_drop_shows_a_banner_and_the_board_catches_up(world, browsers, server, database_url, tmp_path):
    page = open_board(browsers.page(email("buyer")), world.initiative)
    server.kill()
    expect(page.get_by_role("alert").filter(has_text="Connection lost")).to_be_visible()
    # while this browser is away, someone else changes the board (straight into the database's event log)
    r = world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "Written while you were away"})
    assert r.status_code == 201
    # and this browser writes too: the write waits and is sent once when the connection is back
    box = page.get_by_label("Add observation")
    box.fill("Typed while offline")
    box.press("Enter")
    again = Server(database_url, tmp_path, mode="eventlet", port=server.port).start()
    try:
        expect(page.get_by_role("alert").filter(has_text="Connection lost")).to_have_count(0, timeout=15_000)
        expect(card(page, "Written while you were away")).to_be_visible()
        expect(card(page, "Typed while offline")).to_be_visible()
        expect(page.locator(".toast")).to_contain_text("Back online")
        saved(page)
        expect(card(page, "Typed while offline")).not_to_have_class(re.compile(r"\bpending\b"))
        texts = [c["text"] for c in world.provider.get(f"/initiatives/{world.initiative}/cards").get_json()]
        assert sorted(texts) == ["Typed while offline", "Written while you were away"]
    finally:
        again.kill()


def test_kpis_access_grants_and_the_tablet_layout(world, browsers):
    buyer = open_board(browsers.page(email("buyer")), world.initiative)
    provider = open_board(browsers.page(email("provider"), viewport=TABLET), world.initiative)

    # access: the buyer grants, the provider sees it read-only; courage rises for both
    provider.get_by_role("button", name="Access").click()
    expect(provider.get_by_role("button", name="Grant access")).to_have_count(0)
    expect(provider.locator(".side-panel")).to_contain_text("Only Fincorp (the buyer side) grants or revokes access")
    buyer.get_by_role("button", name="Access").click()
    buyer.get_by_label("Scope").select_option("process")
    buyer.get_by_role("button", name="Grant access").click()
    expect(provider.locator(".grant", has_text="Process")).to_contain_text("Live")
    for page in (buyer, provider):
        expect(page.get_by_test_id("meter-courage")).to_have_attribute("data-level", "1")
    expect(provider.get_by_role("button", name="Revoke process access")).to_have_count(0)
    buyer.get_by_role("button", name="Revoke process access").click()
    expect(provider.locator(".grant", has_text="Process")).to_contain_text("Revoked")

    # KPIs: added by one side, agreed by each
    buyer.get_by_role("button", name="KPIs").click()
    buyer.get_by_role("button", name="Add KPI").click()
    buyer.get_by_label("KPI name").fill("Cost per collected account")
    buyer.get_by_label("Baseline").fill("18.4")
    buyer.get_by_label("Target").fill("14")
    buyer.get_by_role("button", name="Add KPI").click()
    buyer.get_by_role("button", name="Agree for the buyer side").click()
    provider.get_by_role("button", name="KPIs").click()
    expect(provider.locator(".kpi-list")).to_contain_text("Cost per collected account")
    expect(provider.locator(".agreement-side.side-buyer")).to_contain_text("Agreed by Buyer")
    provider.get_by_role("button", name="Agree for the provider side").click()
    expect(buyer.locator(".agreement-banner")).to_contain_text("Both sides agree")

    # the tablet layout: nothing of the top bar spills over, the lanes scroll sideways
    width = provider.evaluate("document.querySelector('.topbar').scrollWidth")
    assert width <= TABLET["width"], width
    expect(provider.get_by_label("Add observation")).to_be_visible()
    assert buyer.errors == [] and provider.errors == []
