"""Shadowing capture you can correct, in Chromium against a real server: the kind resets after each line
(or stays, by choice), lines are edited, re-kinded and deleted with Undo by keyboard, each shows its time
from the session's start, a conflict keeps the typed text, and a line typed offline says it waits."""
from __future__ import annotations

import re
import time
from datetime import datetime, timezone

from playwright.sync_api import expect

from tests.realtime.harness import Server
from tests.support.gestures import email


def start_session(rest, initiative: str) -> dict:
    started = datetime.now(timezone.utc).isoformat()
    return rest("POST", f"/initiatives/{initiative}/shadowing-sessions",
                                  {"host": "Marta Silva", "context": "Leeds, outbound queue", "started_at": started}, expect=201)


def open_capture(page, initiative: str, session: dict):
    page.goto(f"/i/{initiative}/capture?session={session['id']}")
    capture = page.get_by_label("Capture observation")
    expect(capture).to_be_focused()
    return capture


def observations(rest, initiative: str) -> dict[str, dict]:
    cards = rest("GET", f"/initiatives/{initiative}/cards?kind=observation", expect=200)
    return {c["text"]: c for c in cards}


def eventually(check, timeout: float = 10.0):
    """Poll `check` (REST reads) until it holds: the server applies a write a moment after the page shows it
    (a line not there yet is a KeyError of the lookup by text)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return check()
        except (AssertionError, KeyError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def item(page, text: str):
    return page.locator(".captured-item", has_text=text)


def kind_radio(page, label: str):
    return page.get_by_role("radio", name=re.compile(label))


def capturing(world, browsers, api):
    """The provider in a fresh session's capture screen: their REST client, the session, the page, the box."""
    rest = api(email("provider"))
    session = start_session(rest, world.initiative)
    page = browsers.page(email("provider"))
    return rest, session, page, open_capture(page, world.initiative, session)


def settled(page, count: int):
    """Every line shown and acknowledged (nothing says Sending… or Saving…)."""
    expect(page.locator(".captured-item")).to_have_count(count)
    expect(page.locator(".captured-item .line-status")).to_have_count(0)


def test_kind_resets_after_each_line_unless_kept(world, browsers, api):
    rest, session, page, capture = capturing(world, browsers, api)
    help_line = page.locator("#capture-help")
    expect(help_line).to_contain_text("Next line: Pain point")

    page.keyboard.type("Re-keys the address into the calculator #rekeying")
    page.keyboard.press("Enter")
    page.keyboard.press("Alt+2")
    expect(kind_radio(page, "Workaround")).to_have_attribute("aria-checked", "true")
    expect(help_line).to_contain_text("Next line: Workaround (then Pain point again)")
    expect(page.get_by_role("status").filter(has_text="Kind: Workaround")).to_be_attached()
    page.keyboard.type("Keeps an Excel list of promises")
    page.keyboard.press("Enter")
    expect(kind_radio(page, "Pain point")).to_have_attribute("aria-checked", "true")  # back to the default
    expect(help_line).to_contain_text("Next line: Pain point")

    keep = page.get_by_label("Keep kind")
    keep.focus()
    page.keyboard.press("Space")
    expect(keep).to_be_checked()
    capture.focus()
    page.keyboard.press("Alt+3")
    expect(help_line).to_contain_text("Next line: Quote (kept)")
    for line in ("“Half my day is calling people who already paid”", "“The dialler never knows”"):
        page.keyboard.type(line)
        page.keyboard.press("Enter")
        expect(kind_radio(page, "Quote")).to_have_attribute("aria-checked", "true")  # kept, visibly
    settled(page, 4)
    expect(capture).to_be_focused()

    by_text = observations(rest, world.initiative)
    assert {t: c["observation_kind"] for t, c in by_text.items()} == {
        "Re-keys the address into the calculator #rekeying": "pain_point",
        "Keeps an Excel list of promises": "workaround",
        "“Half my day is calling people who already paid”": "quote",
        "“The dialler never knows”": "quote",
    }
    # the choice is remembered: a reload keeps "Keep kind" on
    page.reload()
    expect(page.get_by_label("Keep kind")).to_be_checked()
    assert page.errors == []


def test_lines_are_edited_re_kinded_and_deleted_with_undo_by_keyboard(world, browsers, api):
    rest, session, page, capture = capturing(world, browsers, api)
    lines = ["Re-keys the address", "Keeps an Excel list", "Calls people who paid", "Prints the arrears report"]
    for line in lines:
        page.keyboard.type(line)
        page.keyboard.press("Enter")
    settled(page, 4)

    # each line: its time from the session's start, the absolute time as <time datetime> and title
    first = item(page, "Re-keys the address").locator("time.since-start")
    expect(first).to_have_text(re.compile(r"^\+0:0\d$"))
    expect(first).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"))
    expect(first).to_have_attribute("title", re.compile(r"\d\d:\d\d:\d\d"))

    # edit one line's text: F2 on the focused line, type, Enter saves, the focus goes back to capture
    page.get_by_role("button", name="Re-keys the address", exact=True).focus()
    page.keyboard.press("F2")
    editor = page.get_by_label("Edit observation")
    expect(editor).to_be_focused()
    expect(editor).to_have_value("Re-keys the address")
    page.keyboard.press("End")
    page.keyboard.type(" into the calculator #rekeying")
    page.keyboard.press("Enter")
    expect(capture).to_be_focused()
    expect(item(page, "Re-keys the address into the calculator")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Saved: “Re-keys the address into the calculator")).to_be_attached()
    edited = eventually(lambda: observations(rest, world.initiative)["Re-keys the address into the calculator #rekeying"])
    assert edited["tags"] == ["rekeying"] and edited["version"] == 2

    # Enter opens the editor too, and Esc cancels: nothing changes
    page.get_by_role("button", name="Keeps an Excel list", exact=True).focus()
    page.keyboard.press("Enter")
    expect(editor).to_be_focused()
    page.keyboard.type(" not this")
    page.keyboard.press("Escape")
    expect(capture).to_be_focused()
    expect(page.get_by_label("Edit observation")).to_have_count(0)
    expect(item(page, "Keeps an Excel list")).not_to_contain_text("not this")

    # change a line's kind with the keyboard
    kind = page.get_by_label("Kind of “Keeps an Excel list”")
    kind.focus()
    kind.select_option("idea")
    eventually(lambda: _assert_kind(rest, world.initiative, "Keeps an Excel list", "idea"))
    expect(item(page, "Keeps an Excel list")).to_have_class(re.compile(r"\bobs-idea\b"))
    expect(page.get_by_role("status").filter(has_text="Kind changed to Idea: “Keeps an Excel list”")).to_be_attached()
    expect(kind).to_be_focused()  # a select keeps the focus while it is being set (WCAG 3.2.2)

    # delete one with Undo: it is back, on the page and on the server
    page.get_by_role("button", name="Delete “Calls people who paid”").focus()
    page.keyboard.press("Enter")
    expect(item(page, "Calls people who paid")).to_have_count(0)
    expect(capture).to_be_focused()
    eventually(lambda: _assert_absent(rest, world.initiative, "Calls people who paid"))
    undo = page.locator(".toast", has_text="“Calls people who paid” deleted").get_by_role("button", name="Undo")
    undo.focus()
    page.keyboard.press("Enter")
    expect(item(page, "Calls people who paid")).to_be_visible()
    expect(capture).to_be_focused()
    restored = eventually(lambda: observations(rest, world.initiative)["Calls people who paid"])
    assert restored["shadowing_session_id"] == session["id"]

    # delete another without Undo: gone for good
    page.get_by_role("button", name="Delete “Prints the arrears report”").click()
    expect(item(page, "Prints the arrears report")).to_have_count(0)
    eventually(lambda: _assert_absent(rest, world.initiative, "Prints the arrears report"))
    settled(page, 3)
    assert sorted(observations(rest, world.initiative)) == sorted(
        ["Re-keys the address into the calculator #rekeying", "Keeps an Excel list", "Calls people who paid"])
    assert page.errors == []


def _assert_kind(rest, initiative: str, text: str, kind: str):
    assert observations(rest, initiative)[text]["observation_kind"] == kind


def _assert_absent(rest, initiative: str, text: str):
    assert text not in observations(rest, initiative)


def test_a_conflicting_edit_keeps_the_typed_text_and_saves_on_the_second_try(world, browsers, api):
    rest, session, page, capture = capturing(world, browsers, api)
    page.keyboard.type("Waits for the CRM to load")
    page.keyboard.press("Enter")
    settled(page, 1)
    line = page.get_by_role("button", name="Waits for the CRM to load", exact=True)
    line.click()
    editor = page.get_by_label("Edit observation")
    editor.fill("Waits 40 s for the CRM to load")
    # meanwhile a colleague corrects the same line
    card = observations(rest, world.initiative)["Waits for the CRM to load"]
    rest("PATCH", f"/cards/{card['id']}", {"version": card["version"], "text": "Waits for the CRM"}, expect=200)
    editor.press("Enter")  # based on the version this member saw

    error = page.locator(".captured-item .line-error")
    expect(error).to_contain_text("Someone changed this line meanwhile")
    expect(error).to_contain_text("“Waits for the CRM”")
    expect(page.get_by_label("Edit observation")).to_have_value("Waits 40 s for the CRM to load")  # nothing typed is lost
    expect(capture).to_be_focused()  # the refusal does not take the focus away
    page.get_by_label("Edit observation").press("Enter")  # saved over theirs, knowingly
    expect(page.get_by_label("Edit observation")).to_have_count(0)
    saved = eventually(lambda: observations(rest, world.initiative)["Waits 40 s for the CRM to load"])
    assert saved["version"] == 3
    assert page.errors == []


def test_a_line_typed_while_the_server_is_away_says_it_waits_and_arrives_once(world, browsers, api, server, database_url, tmp_path):
    rest, session, page, capture = capturing(world, browsers, api)
    page.keyboard.type("Typed before the outage")
    page.keyboard.press("Enter")
    settled(page, 1)
    server.kill()
    capture.fill("Typed during the outage")
    capture.press("Enter")
    waiting = item(page, "Typed during the outage")
    expect(waiting).to_have_class(re.compile(r"\bpending\b"))
    expect(waiting.locator(".line-status")).to_have_text("Waiting to send", timeout=10_000)  # never as saved
    expect(waiting.get_by_role("button", name=re.compile("Delete"))).to_be_disabled()
    again = Server(database_url, tmp_path, mode="eventlet", port=server.port).start()
    try:
        expect(waiting).not_to_have_class(re.compile(r"\bpending\b"), timeout=15_000)
        settled(page, 2)
        texts = [c["text"] for c in rest("GET", f"/initiatives/{world.initiative}/cards", expect=200)]
        assert sorted(texts) == ["Typed before the outage", "Typed during the outage"]
    finally:
        again.kill()


def test_a_refused_line_stays_visibly_failed_with_retry_and_is_not_lost(world, browsers, api):
    rest = api(email("provider"))
    admin = api(email("buyer_admin"))
    session = start_session(rest, world.initiative)
    page = browsers.page(email("provider"))
    capture = open_capture(page, world.initiative, session)
    provider = world.users["provider"]
    admin("PATCH", f"/engagements/{world.engagement}/members/{provider}", {"roles": ["viewer"]}, expect=200)
    page.keyboard.press("Alt+2")
    page.keyboard.type("Typed after losing write access")
    page.keyboard.press("Enter")

    failed = page.locator(".captured-item.failed")
    expect(failed).to_contain_text("Typed after losing write access")
    expect(failed.locator(".line-status")).to_have_text("Not sent · Workaround")
    expect(page.get_by_role("alert").filter(has_text="One line was not saved")).to_be_visible()
    assert observations(rest, world.initiative) == {}

    admin("PATCH", f"/engagements/{world.engagement}/members/{provider}", {"roles": ["member"]}, expect=200)
    failed.get_by_role("button", name="Retry").focus()
    page.keyboard.press("Enter")
    expect(capture).to_be_focused()
    expect(page.locator(".captured-item.failed")).to_have_count(0)
    settled(page, 1)
    kept = eventually(lambda: observations(rest, world.initiative)["Typed after losing write access"])
    assert kept["observation_kind"] == "workaround" and kept["shadowing_session_id"] == session["id"]
