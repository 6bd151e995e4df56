"""axe-core on every screen of the demo, at desktop and phone width: no serious or critical WCAG 2.2 A/AA
violation anywhere — signed out, the signed-in screens, the board with a live workshop and its drawer, the
pop-ups, and the server-rendered sponsor report and quarterly review. Also: the skip link and how few Tabs
reach the first card."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.axe import node_count, violations
from tests.support.browser import DESKTOP
from tests.support.gestures import open_board

PHONE = {"width": 390, "height": 844}
FELIX = "felix.facilitator@brightline.example"


def ids(demo, api) -> dict:
    """The demo's engagement, initiative and a few cards, as the admin sees them."""
    run = api(demo["buyer"], demo["password"])
    engagement = run("GET", "/engagements", expect=200)[0]["id"]
    initiative = next(i for i in run("GET", f"/engagements/{engagement}/initiatives", expect=200)
                      if i["title"] == demo["initiative_title"])["id"]
    cards = run("GET", f"/initiatives/{initiative}/cards", expect=200)
    return {"engagement": engagement, "initiative": initiative, "cards": cards}


def run_workshop(demo, api, initiative: str, cards: list[dict]) -> None:
    """A workshop in full swing: a timer, an open voting round with votes, a focused card, two clusters."""
    run = api(FELIX, demo["password"])
    base = f"/initiatives/{initiative}"
    observations = [c for c in cards if c["kind"] == "observation"]
    for n, label in enumerate(("Promise to pay", "Paid on payday")):
        cluster = run("POST", f"{base}/clusters", {"label": label}, expect=201)
        for c in observations[n * 2:n * 2 + 2]:
            run("PATCH", f"/cards/{c['id']}", {"version": c["version"], "cluster_id": cluster["id"]}, expect=200)
    story = next(c for c in cards if c["kind"] == "story")
    rnd = run("POST", f"{base}/voting-rounds", {"votes_per_person": 3}, expect=201)
    run("POST", f"/voting-rounds/{rnd['id']}/votes", {"card_id": story["id"]}, expect=201)
    run("PUT", f"{base}/workshop/timer", {"action": "start", "seconds": 600}, expect=200)
    run("PUT", f"{base}/workshop/focus", {"card_id": story["id"]}, expect=200)


def tour(demo, browsers, api, viewport):
    """(screen, page) for every screen, each page showing that screen when it is yielded."""
    pw, where = demo["password"], ids(demo, api)
    eng, ini = where["engagement"], where["initiative"]
    invitation = api(demo["buyer"], pw)("POST", f"/engagements/{eng}/invitations", {
        "email": "new.person@northwind.example", "side": "buyer", "roles": ["member"]}, expect=201)

    anonymous = browsers.page(viewport=viewport)
    for screen, path, ready in (
            ("sign-in", "/signin", anonymous.get_by_label("Email")),
            ("forgot password", "/forgot-password", anonymous.get_by_label("Email")),
            ("reset password", "/reset-password?token=made-up", anonymous.locator("main h1")),
            ("invitation", "/invite/" + invitation["link"].rsplit("/", 1)[1], anonymous.locator("main h1"))):
        anonymous.goto(path)
        expect(ready).to_be_visible()
        yield screen, anonymous

    admin = browsers.page(demo["buyer"], pw, viewport=viewport)
    for screen, path in (("initiatives", f"/e/{eng}"), ("library", f"/e/{eng}/library"),
                         ("review", f"/e/{eng}/review"), ("settings", f"/e/{eng}/settings"), ("account", "/account")):
        admin.goto(path)
        expect(admin.locator("main h1")).to_be_visible()
        expect(admin.locator("[aria-busy=true]")).to_have_count(0)
        if screen == "settings":
            expect(admin.get_by_text("new.person@northwind.example").first).to_be_visible()
        yield screen, admin

    sponsor = browsers.page(demo["sponsor"], pw, viewport=viewport)
    sponsor.goto(f"/e/{eng}/inbox")
    expect(sponsor.locator("li.request").first).to_be_visible()
    yield "inbox (pending requests)", sponsor

    fresh = browsers.page(demo["provider"], pw, viewport=viewport)
    fresh.goto("/account")  # home redirects members to their initiatives; the account shows the shell alone
    expect(fresh.locator("main h1")).to_be_visible()
    bell = fresh.locator(".notif-bell")
    if bell.is_visible():
        bell.click()
        expect(fresh.get_by_role("dialog", name="Notifications")).to_be_visible()
        yield "notifications open", fresh
        fresh.keyboard.press("Escape")
    search = fresh.get_by_role("combobox", name=re.compile("^Search"))
    fresh.goto(f"/e/{eng}")
    expect(fresh.locator("main h1")).to_be_visible()
    if search.is_visible():
        search.fill("payday")
        expect(fresh.locator(".search-results [role=option]").first).to_be_visible()
        yield "search results open", fresh

    board = open_board(browsers.page(demo["provider"], pw, viewport=viewport), ini)
    expect(board.locator("article.card-experiment").first).to_be_attached()
    yield "board", board
    story = next(c for c in where["cards"] if c["kind"] == "story")
    board.goto(f"/i/{ini}?card={story['id']}")
    expect(board.get_by_role("dialog")).to_be_visible()
    yield "card drawer", board

    run_workshop(demo, api, ini, where["cards"])
    workshop = open_board(browsers.page(FELIX, pw, viewport=viewport), ini)
    expect(workshop.get_by_test_id("workshop-clock")).to_be_visible()
    expect(workshop.get_by_test_id("focus-banner")).to_be_visible()
    yield "workshop (timer, voting, focus, clusters)", workshop

    capture = browsers.page(demo["provider"], pw, viewport=viewport)
    capture.goto(f"/i/{ini}/capture")
    expect(capture.locator("main h1")).to_be_visible()
    yield "capture", capture

    for screen, path in (("sponsor report (server)", f"/api/v1/initiatives/{ini}/report"),
                         ("quarterly review (server)", f"/api/v1/engagements/{eng}/review.html")):
        assert admin.goto(path).ok
        yield screen, admin


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_or_critical_axe_violation_on_any_screen(demo, browsers, api, viewport):
    found = {screen: violations(page) for screen, page in tour(demo, browsers, api, viewport)}
    print(f"\naxe serious+critical per screen at {viewport['width']}x{viewport['height']} (rules / elements):")
    for screen, lines in found.items():
        print(f"  {screen:45} {len(lines):3} / {node_count(lines):3}")
    if viewport is DESKTOP:  # on a phone the top bar's pop-ups may sit behind its menu
        assert {"notifications open", "search results open"} <= found.keys()
    failing = {screen: lines for screen, lines in found.items() if lines}
    assert not failing, "\n".join(f"{s}:\n  " + "\n  ".join(lines) for s, lines in failing.items())


def tabs_to_first_card(page, limit: int = 80) -> int:
    """How many Tab presses from the top of the page until a card has the focus."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement?.closest('article.card')"):
            return n
    return limit + 1


def test_the_skip_link_comes_first_and_few_tabs_reach_the_first_card(demo, browsers, api):
    where = ids(demo, api)
    page = open_board(browsers.page(demo["provider"], demo["password"]), where["initiative"])
    expect(page.locator("article.card").first).to_be_visible()
    count = tabs_to_first_card(page)
    print(f"\nTabs to the first card: {count}")
    assert count <= 6

    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # visible once focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.goto("/signin")  # the public frame has one too
    page.context.clear_cookies()
    page.goto("/forgot-password")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    assert page.errors == []
