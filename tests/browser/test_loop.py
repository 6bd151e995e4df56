"""The co-learning loop in the web app: comments with @mentions live in the card drawer, the
notifications bell (live, and on the next sign-in), the evidence chain both ways, the learning card,
and the personal-data guard. Two browsers at once against a real server."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_screenshots import demo  # noqa: F401  (the demo-seed fixture)

PASSWORD = "correct-horse-42"


def email(persona: str) -> str:
    return f"{persona}@example.com"


def open_board(page, path: str):
    page.goto(path)
    expect(page.get_by_role("status", name="Connection: Live")).to_be_visible()
    return page


def card(page, text: str):
    return page.locator("article.card:not(.overlay)", has_text=text)


def bell(page):
    return page.locator(".notif-bell")


def test_a_mention_reaches_the_open_drawer_and_the_bell_live_and_survives_signing_in_again(demo, browsers, api):  # noqa: F811
    pw = demo["password"]
    ana_api = api(demo["buyer"], pw)
    engagement = ana_api("GET", "/me", expect=200)["engagements"][0]["id"]
    ini = next(i["id"] for i in ana_api("GET", f"/engagements/{engagement}/initiatives", expect=200)
               if i["title"] == demo["initiative_title"])
    story = next(c for c in ana_api("GET", f"/initiatives/{ini}/cards?kind=story", expect=200)
                 if c["title"].startswith("Paying on payday"))

    # Priya (provider) has the story open from a link: the drawer, its thread, the card in view
    priya = open_board(browsers.page(demo["provider"], pw), f"/i/{ini}?card={story['id']}")
    drawer = priya.get_by_role("dialog", name=story["title"])
    expect(drawer.locator(".comment")).to_have_count(2)
    expect(drawer.locator(".mention.side-buyer")).to_have_text("@Ben")  # the one Ben of the engagement
    face = priya.locator(f'article[data-card-id="{story["id"]}"]')
    expect(face).to_have_class(re.compile("highlighted"))
    expect(face).to_be_in_viewport()
    expect(bell(priya)).to_have_accessible_name("Notifications, 2 unread")  # her two budget decisions

    # Ana (buyer) opens the same card by keyboard and mentions Priya with the autocomplete
    ana = open_board(browsers.page(demo["buyer"], pw), f"/i/{ini}")
    body = ana.locator(f'article[data-card-id="{story["id"]}"] .card-body')
    body.focus()
    body.press("c")
    composer = ana.get_by_label("Write a comment")
    expect(composer).to_be_focused()
    ana.keyboard.type("@pri")
    options = ana.get_by_role("listbox", name="Members to mention").get_by_role("option")
    expect(options).to_have_count(1)
    expect(options.first).to_contain_text("Priya Shah")
    expect(options.first).to_have_class(re.compile("side-provider"))
    ana.keyboard.press("Enter")  # inserts the handle (does not send)
    expect(composer).to_have_value("@priya.lead ")
    ana.keyboard.type("can you bring the numbers?")
    ana.keyboard.press("Shift+Enter")
    ana.keyboard.type("And the control team's.")
    ana.keyboard.press("Enter")
    expect(composer).to_have_value("")
    mine = ana.locator(".card-drawer .comment", has_text="can you bring the numbers?")
    expect(mine).to_be_visible()
    expect(mine).not_to_have_class(re.compile("pending"))

    # ...Priya sees it at once in her open drawer, highlighted, and on her bell, with a toast
    theirs = drawer.locator(".comment", has_text="can you bring the numbers?")
    expect(theirs).to_be_visible()
    expect(theirs.locator(".mention.side-provider")).to_have_text("@priya.lead")
    expect(theirs.locator(".comment-text")).to_have_text("@priya.lead can you bring the numbers?\nAnd the control team's.")
    expect(bell(priya)).to_have_accessible_name("Notifications, 3 unread")
    expect(priya.locator(".toast")).to_contain_text("Ana Ribeiro mentioned you")
    for page in (ana, priya):  # the count on the card face, live for both
        expect(page.locator(f'article[data-card-id="{story["id"]}"] .card-comment-button')).to_have_text("3")

    # the autocomplete, for the docs; Escape closes the list first, then the drawer
    ana.keyboard.type("Thanks @c")
    expect(options).to_have_text([re.compile("Carla Jensen.*buyer", re.I), re.compile("Mei Chen.*provider", re.I)])
    ana.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    screenshot(ana, "card-comments")
    ana.keyboard.press("Escape")
    expect(ana.get_by_role("listbox", name="Members to mention")).to_have_count(0)
    expect(ana.locator(".card-drawer")).to_be_visible()
    ana.keyboard.press("Escape")
    expect(ana.locator(".card-drawer")).to_have_count(0)
    expect(ana).to_have_url(re.compile(rf"/i/{ini}$"))
    expect(body).to_be_focused()

    # Priya signs out and in again: the notification is still there, unread
    priya.get_by_role("button", name="Sign out").click()
    priya.get_by_label("Email").fill(demo["provider"])
    priya.get_by_label("Password").fill(pw)
    priya.get_by_role("button", name="Sign in").click()
    expect(priya.get_by_role("heading", name="Initiatives")).to_be_visible()
    expect(bell(priya)).to_have_accessible_name("Notifications, 3 unread")
    bell(priya).click()
    pop = priya.get_by_role("dialog", name="Notifications")
    items = pop.locator(".notif-item")
    expect(items).to_have_count(3)
    expect(items.first).to_contain_text("Ana Ribeiro mentioned you on “Paying on payday")  # newest first
    expect(items.first).to_have_class(re.compile("unread"))
    expect(pop.locator(".notif-link").first).to_be_focused()
    screenshot(priya, "notifications")

    # clicking it opens the card and reads it
    pop.locator(".notif-link").first.click()
    expect(priya).to_have_url(re.compile(rf"/i/{ini}\?card={story['id']}$"))
    expect(priya.get_by_role("dialog", name=story["title"]).locator(".comment", has_text="bring the numbers")).to_be_visible()
    expect(bell(priya)).to_have_accessible_name("Notifications, 2 unread")

    # mark one read, then all (keyboard: the popover closes with Escape, focus back on the bell)
    bell(priya).click()
    pop.get_by_role("button", name=re.compile("^Mark read:")).first.click()
    expect(bell(priya)).to_have_accessible_name("Notifications, 1 unread")
    pop.get_by_role("button", name="Mark all read").click()
    expect(bell(priya)).to_have_accessible_name("Notifications")
    priya.keyboard.press("Escape")
    expect(pop).to_have_count(0)
    expect(bell(priya)).to_be_focused()
    assert api(demo["provider"], pw)("GET", "/notifications?unread=true", expect=200) == []
    assert ana.errors == [] and priya.errors == []
