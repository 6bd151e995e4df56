"""Derived state pushed by the server, seen in Chromium: a browser on a board reads no power-ups by
REST after an edit, and a grant made elsewhere moves every open browser's courage meter live from
the pushed ``power_ups.changed`` event."""
from __future__ import annotations

import time

from playwright.sync_api import expect

from tests.support.gestures import card, email, open_board


def api_reads(page) -> list[str]:
    """Every REST read the page makes from now on (the list grows as it makes them)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if "/api/v1/" in r.url and r.method == "GET" else None)
    return seen


def settled(*pages, seconds=1.0):
    """Long enough for any read the web app would make after an event (it waits 100-150 ms first)."""
    time.sleep(seconds)
    for page in pages:
        expect(page.get_by_role("status", name="Connection: Live")).to_be_visible()


def test_a_card_edit_makes_no_power_ups_request(world, browsers, api):
    obs = api(email("provider"))("POST", f"/initiatives/{world.initiative}/cards",
                                 {"kind": "observation", "text": "Agents re-key the address"}, expect=201)
    editor = open_board(browsers.page(email("provider")), world.initiative)
    watcher = open_board(browsers.page(email("buyer")), world.initiative)
    expect(card(watcher, "re-key the address")).to_be_visible()
    settled(editor, watcher)
    reads = {"editor": api_reads(editor), "watcher": api_reads(watcher)}

    body = card(editor, "re-key the address").locator(".card-body")
    body.focus()
    body.press("Enter")
    text = editor.get_by_label("Observation text")
    text.fill("Agents re-key the address twice")
    text.press("Enter")
    expect(card(watcher, "re-key the address twice")).to_be_visible()
    # and one edit over HTTP, by another member
    api(email("buyer"))("PATCH", f"/cards/{obs['id']}", {"version": 2, "text": "Agents re-key it three times"},
                        expect=200)
    expect(card(editor, "three times")).to_be_visible()
    expect(card(watcher, "three times")).to_be_visible()
    settled(editor, watcher)
    assert [u for urls in reads.values() for u in urls if "/power-ups" in u] == []
    assert reads == {"editor": [], "watcher": []}  # nothing else either: the events carry it all
    assert editor.errors == [] and watcher.errors == []


def test_a_grant_over_http_moves_every_open_courage_meter_from_the_pushed_event(world, browsers, api):
    pages = [open_board(browsers.page(email(who)), world.initiative) for who in ("buyer", "provider", "sponsor")]
    for page in pages:
        expect(page.get_by_test_id("meter-courage")).to_have_attribute("data-level", "0")
    settled(*pages)
    reads = [api_reads(page) for page in pages]

    grant = api(email("buyer_admin"))("POST", f"/initiatives/{world.initiative}/access-grants", {"scope": "process"},
                                      expect=201)
    for page in pages:
        expect(page.get_by_test_id("meter-courage")).to_have_attribute("data-level", "1")
    pages[1].get_by_test_id("meter-courage").get_by_role("button").focus()
    expect(pages[1].get_by_role("region", name="Courage: the facts behind level 1")).to_contain_text(
        "Live 'process' access granted by Buyer Admin")

    api(email("buyer_admin"))("POST", f"/access-grants/{grant['id']}/revoke", {}, expect=200)
    for page in pages:
        expect(page.get_by_test_id("meter-courage")).to_have_attribute("data-level", "0")
    settled(*pages)
    assert reads == [[], [], []]  # no GET /power-ups, no GET /access-grants: both came with the events
    assert all(page.errors == [] for page in pages)
