"""axe-core on every screen of the demo, at desktop and phone width: no serious or critical WCAG 2.2 A/AA
violation anywhere — signed out, the signed-in screens, the board with a live workshop and its drawer, the
pop-ups, and the server-rendered sponsor report and quarterly review. Also: the skip link and how few Tabs
reach the first card."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.realtime.harness import wait_until
from tests.support.axe import node_count, violations
from tests.support.browser import DESKTOP
from tests.support.gestures import card, email, open_board

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


def live_board(page, initiative: str):
    """The board, synced (at phone width the connection pill may be tucked away, so: attached, not visible)."""
    page.goto(f"/i/{initiative}")
    expect(page.get_by_role("status", name="Connection: Live")).to_be_attached()
    return page


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
    fresh.goto(f"/e/{eng}")
    expect(fresh.locator("main h1")).to_be_visible()
    bell = fresh.locator(".notif-bell")
    if bell.is_visible():
        bell.click()
        expect(fresh.get_by_role("dialog", name="Notifications")).to_be_visible()
        yield "notifications open", fresh
        fresh.keyboard.press("Escape")
    search = fresh.get_by_role("combobox", name=re.compile("^Search"))
    if search.is_visible():
        search.fill("payday")
        expect(fresh.locator(".search-results [role=option]").first).to_be_visible()
        yield "search results open", fresh

    board = live_board(browsers.page(demo["provider"], pw, viewport=viewport), ini)
    expect(board.locator("article.card-experiment").first).to_be_attached()
    yield "board", board
    story = next(c for c in where["cards"] if c["kind"] == "story")
    board.goto(f"/i/{ini}?card={story['id']}")
    expect(board.get_by_role("dialog")).to_be_visible()
    yield "card drawer", board

    run_workshop(demo, api, ini, where["cards"])
    workshop = live_board(browsers.page(FELIX, pw, viewport=viewport), ini)
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


def keys_to_first_card(page, *keys: str, limit: int = 80) -> int:
    """How many key presses, from a fresh page, until a card has the focus: ``keys`` first, then Tabs."""
    page.reload()
    expect(page.locator("article.card").first).to_be_visible()
    for key in keys:
        page.keyboard.press(key)
    for n in range(len(keys) + 1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement?.closest('article.card')"):
            return n
    return limit + 1


def test_skip_links_come_first_and_few_keys_reach_the_first_card(demo, browsers, api):
    where = ids(demo, api)
    page = open_board(browsers.page(demo["provider"], demo["password"]), where["initiative"])
    tabs = keys_to_first_card(page)
    skipping = keys_to_first_card(page, "Tab", "Enter")
    print(f"\nKeys to the first card: {tabs} Tabs alone; {skipping} with Skip to content; 3 with Skip to the cards")
    assert skipping < tabs

    cards = page.locator("article.card")
    page.reload()
    expect(cards.first).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()  # visible once focused
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.reload()
    expect(cards.first).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the cards")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("article.card .card-body").first).to_be_focused()  # 3 keys

    page.context.clear_cookies()  # signed out: the sign-in page and the public frame have one too
    for path in ("/signin", "/forgot-password"):  # (their first field may have the focus already)
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        first = page.locator("a[href], button, input, select, textarea, [tabindex='0']").first
        expect(first).to_have_text("Skip to content")
    assert page.errors == []


def test_move_to_menu_moves_a_card_without_dragging_and_says_what_the_rules_refuse(world, browsers, api):
    provider = api(email("provider"))
    base = f"/initiatives/{world.initiative}/cards"
    exp = provider("POST", base, {"kind": "experiment", "title": "Prefill the address"}, expect=201)
    obs = provider("POST", base, {"kind": "observation", "text": "Agents retype the address"}, expect=201)
    page = open_board(browsers.page(email("provider")), world.initiative)

    # the keyboard: Enter opens the menu on its first item, arrows move, Enter chooses
    menu_button = page.get_by_role("button", name="Move “Prefill the address” to…")
    expect(menu_button).to_have_attribute("aria-haspopup", "menu")
    menu_button.focus()
    menu_button.press("Enter")
    menu = page.get_by_role("menu", name="Move “Prefill the address” to…")
    expect(menu.get_by_role("menuitem")).to_have_count(6)  # the other two lanes and four experiment columns
    expect(menu.get_by_role("menuitem", name=re.compile("^Observations"))).to_have_attribute("aria-disabled", "true")
    expect(menu.get_by_role("menuitem").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(menu_button).to_be_focused()
    menu_button.press("Enter")
    expect(menu.get_by_role("menuitem").first).to_be_focused()
    page.keyboard.press("ArrowDown")  # Observations, then Stories, then Experiments: Proposed
    page.keyboard.press("ArrowDown")
    expect(menu.get_by_role("menuitem", name="Experiments: Proposed")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Moved “Prefill the address” to Experiments: Proposed")).to_be_visible()
    expect(page.get_by_role("list", name="Experiments: Proposed", exact=True)).to_contain_text("Prefill the address")
    assert provider("GET", f"/cards/{exp['id']}", expect=200)["status"] == "proposed"

    # the pointer (a tap on a phone): a refused place stays listed and says why when chosen
    card(page, "Agents retype the address").hover()
    page.get_by_role("button", name="Move “Agents retype the address” to…").click()
    page.get_by_role("menuitem", name=re.compile("^Stories")).click(force=True)  # aria-disabled: it still answers
    expect(page.get_by_role("status").filter(has_text="Observations stay in their lane")).to_be_visible()
    assert provider("GET", f"/cards/{obs['id']}", expect=200)["kind"] == "observation"
    expect(page.get_by_role("list", name="Observations", exact=True)).to_contain_text("Agents retype the address")

    # and in the card's drawer
    page.goto(f"/i/{world.initiative}?card={exp['id']}")
    drawer = page.get_by_role("dialog")
    drawer.get_by_role("button", name="Move to…").click()
    page.get_by_role("menuitem", name="Experiments: Parked").click()
    expect(page.get_by_role("list", name="Experiments: Parked", exact=True)).to_contain_text("Prefill the address")
    wait_until(lambda: provider("GET", f"/cards/{exp['id']}", expect=200)["status"] == "parked",
               what="the drawer's move acknowledged by the server")
    assert page.errors == []
