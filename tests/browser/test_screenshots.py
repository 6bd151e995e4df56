"""The main screens on the demo data, saved to docs/screenshots/ (linked from the README) so they
stay current with the code. Each screen is also checked for what matters on it."""
from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from playwright.sync_api import expect

from board import seeding, uow
from board.services import accounts
from tests.browser.conftest import TABLET, screenshot


@pytest.fixture
def demo(app, monkeypatch):
    """The demo seed (seeds/demo.yaml) in the test database; cheap password hashes keep it fast."""
    monkeypatch.setattr(accounts, "hash_password", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash)
    with app.app_context():
        assert seeding.load_demo()
        uow.commit()
    spec = seeding.read_seed()
    first = spec["engagements"][0]
    members = first["members"]
    who = lambda key: spec["people"][key]["email"]  # noqa: E731
    return {
        "password": spec["password"],
        "buyer": who(first["by"]),
        "provider": who(next(m["who"] for m in members if m["side"] == "provider")),
        "provider2": who([m["who"] for m in members if m["side"] == "provider"][1]),
        "sponsor": who(next(m["who"] for m in members if "sponsor" in m.get("roles", []))),
        "initiative_title": first["initiatives"][0]["title"],
    }


def test_main_screens(demo, browsers, api):
    pw = demo["password"]
    # sign-in
    page = browsers.page()
    page.goto("/signin")
    page.get_by_label("Email").fill(demo["buyer"])
    screenshot(page, "sign-in")

    # initiatives with their power-up meters, the facts of one on keyboard focus
    buyer = browsers.page(demo["buyer"], pw)
    buyer.goto("/")
    expect(buyer.get_by_role("heading", name="Initiatives")).to_be_visible()
    meter = buyer.get_by_test_id("meter-budget").first
    expect(meter).to_have_attribute("data-level", re.compile("[0-3]"))
    buyer.get_by_role("link", name=demo["initiative_title"]).wait_for()
    meter.get_by_role("button").focus()
    expect(buyer.get_by_role("region", name=re.compile("Budget: the facts"))).to_contain_text("Next level")
    screenshot(buyer, "initiatives")
    initiative = buyer.get_by_role("link", name=demo["initiative_title"]).get_attribute("href").split("/")[-1]
    engagement = buyer.url.rstrip("/").split("/")[-1]

    # the board, with two members present
    provider = browsers.page(demo["provider"], pw)
    other = browsers.page(demo["provider2"], pw)
    for p in (other, provider):
        p.goto(f"/i/{initiative}")
        expect(p.get_by_role("status", name="Connection: Live")).to_be_visible()
    tablet = browsers.page(demo["buyer"], pw, viewport=TABLET)
    tablet.goto(f"/i/{initiative}")
    expect(tablet.get_by_role("status", name="Connection: Live")).to_be_visible()
    expect(provider.locator(".presence .avatar")).to_have_count(3)
    expect(provider.locator(".presence .avatar.side-buyer")).to_have_count(1)
    provider.mouse.move(5, 5)
    screenshot(provider, "board")
    screenshot(tablet, "board-tablet")

    # a conflict: the buyer edits a story while a provider saves another version
    story = buyer.locator("article.card-story").last
    buyer.goto(f"/i/{initiative}")
    expect(buyer.get_by_role("status", name="Connection: Live")).to_be_visible()
    title = story.locator(".card-title").text_content()
    story_id = story.get_attribute("data-card-id")
    story.locator(".card-body").dblclick()
    buyer.get_by_label("Outcome").fill("One verification that travels with the transfer, and the agent says so.")
    current = api(demo["provider"], pw)("GET", f"/cards/{story_id}", expect=200)
    api(demo["provider"], pw)("PATCH", f"/cards/{story_id}", {"version": current["version"],
                                                                "outcome": "Verified once, for the whole call."}, expect=200)
    buyer.get_by_label("Title").press("Enter")
    dialog = buyer.get_by_role("dialog", name="This card changed while you were editing")
    expect(dialog).to_contain_text("Verified once, for the whole call.")
    expect(dialog).to_contain_text("and the agent says so")
    screenshot(buyer, "conflict-dialog")
    dialog.get_by_role("button", name="Save my choices").click()
    expect(buyer.locator("article.card-story", has_text=title)).to_contain_text("and the agent says so")

    # shadowing capture
    provider.get_by_role("link", name="Shadowing capture").click()
    provider.get_by_label("Host").fill("Lee Park, collections agent")
    provider.get_by_label("Context").fill("Outbound early-arrears queue, sat side by side with headphones")
    provider.get_by_role("button", name="Start session").click()
    box = provider.get_by_label("Capture observation")
    for line in ("Copies the balance from the CRM into the payment screen by hand #rekeying",
                 "Customer asks twice which date the payment leaves the account #payday #confusion",
                 "The script has no pause for hardship questions #script #hardship"):
        box.fill(line)
        box.press("Enter")
    box.press("Alt+3")
    box.fill("“I never know which number to call back” #callbacks")
    expect(provider.locator(".captured-item")).to_have_count(3)
    screenshot(provider, "shadowing-capture")

    # the sponsor inbox
    sponsor = browsers.page(demo["sponsor"], pw)
    sponsor.goto(f"/e/{engagement}/inbox")
    expect(sponsor.locator("li.request").first).to_be_visible()
    expect(sponsor.locator("li.request").first.get_by_test_id("meter-budget")).to_have_attribute("data-level", re.compile("[0-3]"))
    screenshot(sponsor, "sponsor-inbox")
    for p in (buyer, provider, sponsor, tablet, other):
        assert p.errors == []
