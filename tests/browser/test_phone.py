"""The web app on a phone, in real Chromium on the demo data: no screen scrolls sideways at 390 px (the inbox,
capture and the card drawer not even at 360 px), the sponsor approves a request with the thumb, the top bar
folds into a menu, the board shows one lane at a time behind lane tabs, and touch targets are 44 px."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import DESKTOP, PHONE, SMALL_PHONE, page_width, screenshot

FELIX = "felix.facilitator@brightline.example"
# one word no phone is wide enough for: it must wrap, not push the page sideways
LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherungsanstaltsverwaltungsgebaeude"


@pytest.fixture
def ids(demo, api):
    """The demo's first engagement and initiative, with a card of long unbroken words on it."""
    run = api(demo["buyer"], demo["password"])
    engagement = run("GET", "/engagements", expect=200)[0]["id"]
    initiative = next(i for i in run("GET", f"/engagements/{engagement}/initiatives", expect=200)
                      if i["title"] == demo["initiative_title"])["id"]
    card = run("POST", f"/initiatives/{initiative}/cards",
               {"kind": "observation", "text": f"{LONG_WORD} {LONG_WORD} https://example.com/{LONG_WORD}"}, expect=201)
    return {"engagement": engagement, "initiative": initiative, "card": card["id"]}


def fits(page, viewport) -> int:
    """The page's layout width, after checking that nothing is wider than the viewport."""
    width = page_width(page)
    assert width <= viewport["width"], f"{page.url} is {width}px wide at {viewport['width']}px"
    return width


# controls a thumb must hit (links inside sentences are exempt, WCAG 2.5.8) and text fields iOS would zoom into
SMALL_CONTROLS = """() => {
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const name = (e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.getAttribute('aria-label') || e.textContent).trim().slice(0, 30)}"`;
  const controls = [...document.querySelectorAll('button, a.button, li > a, [role=tab], [role=radio], select, input, textarea')]
    .filter((e) => shown(e) && !['checkbox', 'radio', 'hidden', 'file'].includes(e.type));
  const small = controls.filter((e) => !e.matches('.card-comment-button') && e.getBoundingClientRect().height < 44)
    .map((e) => `${name(e)} ${Math.round(e.getBoundingClientRect().height)}px tall`);
  const zooming = controls.filter((e) => e.matches('input, select, textarea') && parseFloat(getComputedStyle(e).fontSize) < 16)
    .map((e) => `${name(e)} ${getComputedStyle(e).fontSize}`);
  // the comment pill on a card is small to the eye, its hit area 44 px: a tap just above it still lands on it
  const inView = (e) => {  // on screen, not under the drawer
    const r = e.getBoundingClientRect();
    return r.top > 150 && r.bottom < innerHeight && e.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  };
  const missed = [...document.querySelectorAll('.card-comment-button')].filter(shown).filter(inView).filter((e) => {
    const r = e.getBoundingClientRect();
    return !e.contains(document.elementFromPoint(r.left + r.width / 2, r.bottom - 44 + 12));
  }).map(name);
  return [...small, ...zooming, ...missed];
}"""


def within_reach(locator, viewport) -> dict:
    """The element is inside the viewport horizontally and at least 44 px tall (a thumb reaches it)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert box["height"] >= 44, box
    return box


def test_no_screen_scrolls_sideways_on_a_phone(demo, ids, browsers, api):
    pw, e, i = demo["password"], ids["engagement"], ids["initiative"]
    invitation = api(demo["buyer"], pw)("POST", f"/engagements/{e}/invitations",
                                        {"email": "fresh@partner.example", "side": "provider"}, expect=201)
    session = api(demo["provider"], pw)("POST", f"/initiatives/{i}/shadowing-sessions",
                                        {"host": "Lee Park, collections agent", "context": LONG_WORD}, expect=201)
    felix = api(FELIX, pw)
    rnd = felix("POST", f"/initiatives/{i}/voting-rounds", {"votes_per_person": 3}, expect=201)
    felix("PUT", f"/initiatives/{i}/workshop/timer", {"action": "start", "seconds": 600}, expect=200)
    screens = {  # name: (who, path, what shows when it is ready)
        "home": (demo["buyer"], "/", "main h1"),
        "initiatives": (demo["buyer"], f"/e/{e}", "main h1"),
        "board": (demo["buyer"], f"/i/{i}", f"[data-card-id='{ids['card']}']"),
        "drawer": (demo["buyer"], f"/i/{i}?card={ids['card']}", ".card-drawer"),
        "board, KPIs panel": (demo["buyer"], f"/i/{i}?panel=kpis", ".side-panels"),
        "workshop": (FELIX, f"/i/{i}", ".ws-bar"),
        "capture": (demo["provider"], f"/i/{i}/capture?session={session['id']}", ".capture-box"),
        "inbox": (demo["sponsor"], f"/e/{e}/inbox", "li.request"),
        "library": (demo["buyer"], f"/e/{e}/library", "main h1"),
        "review": (demo["buyer"], f"/e/{e}/review", "main h1"),
        "settings": (demo["buyer"], f"/e/{e}/settings", "main h1"),
        "account": (demo["buyer"], "/account", "main h1"),
        "sponsor report": (demo["buyer"], f"/api/v1/initiatives/{i}/report", "h1"),
        "quarterly review": (demo["buyer"], f"/api/v1/engagements/{e}/review.html", "h1"),
        "sign-in": (None, "/signin", "main h1, h1"),
        "invitation": (None, "/invite/" + invitation["link"].rsplit("/", 1)[1], "h1"),
        "forgot password": (None, "/forgot-password", "h1"),
        "reset password": (None, "/reset-password?token=not-a-token", "h1"),
    }
    pages, widths = {}, {}
    for name, (who, path, ready) in screens.items():
        page = pages.get(who) or pages.setdefault(who, browsers.page(who, pw, viewport=PHONE))
        page.goto(path)
        page.locator(ready).first.wait_for()
        widths[name] = fits(page, PHONE)
        if not path.startswith("/api/"):  # the printable reports have no controls but a link or two
            assert page.evaluate(SMALL_CONTROLS) == [], name
        if name == "drawer":  # the drawer is the whole screen
            box = page.locator(".card-drawer").bounding_box()
            assert box["width"] == PHONE["width"] and box["x"] == 0, box
            expect(page.locator(".card-drawer")).to_contain_text(LONG_WORD[:20])
        if name == "workshop":
            vote = page.locator(".ws-vote-btn.add").first
            within_reach(vote, PHONE)
        if name == "capture":
            box = page.get_by_label("Capture observation")
            assert page.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)", box.element_handle()) >= 16
    assert set(widths) == set(screens) and rnd["id"]
    for name in ("inbox", "capture", "drawer"):
        who, path, ready = screens[name]
        small = browsers.page(who, pw, viewport=SMALL_PHONE)
        small.goto(path)
        small.locator(ready).first.wait_for()
        fits(small, SMALL_PHONE)
        assert not small.errors
    for page in pages.values():
        assert not page.errors


def test_the_sponsor_approves_a_request_on_a_small_phone(demo, ids, browsers, api):
    sponsor = api(demo["sponsor"], demo["password"])
    pending = sponsor("GET", f"/engagements/{ids['engagement']}/budget-requests?status=pending", expect=200)
    page = browsers.page(demo["sponsor"], demo["password"], viewport=SMALL_PHONE)
    page.goto(f"/e/{ids['engagement']}/inbox")
    first = page.locator("li.request").first
    expect(first).to_be_visible()
    title = first.locator(".request-amount").text_content()
    request = next(r for r in pending if r["purpose"] and r["purpose"] in first.text_content())
    approve, reject = first.get_by_role("button", name=re.compile("^Approve")), first.get_by_role("button", name="Reject")
    for button in (reject, approve):
        within_reach(button, SMALL_PHONE)
    fits(page, SMALL_PHONE)
    screenshot(page, "phone-inbox")
    approve.click()
    expect(page.locator(".request-list li.request", has_text=title)).to_have_count(0)
    decided = sponsor("GET", f"/engagements/{ids['engagement']}/budget-requests", expect=200)
    assert next(r for r in decided if r["id"] == request["id"])["status"] == "approved"
    assert not page.errors


def test_the_top_bar_folds_into_a_menu_on_a_phone(demo, ids, browsers):
    page = browsers.page(demo["buyer"], demo["password"], viewport=PHONE)
    page.goto(f"/e/{ids['engagement']}")
    menu = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Main")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    panel = page.locator(f"[id='{menu.get_attribute('aria-controls')}']")
    box = page.locator("header.topbar").bounding_box()
    assert box["height"] <= 60, box  # one row

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    assert panel.evaluate("(el) => el.contains(document.activeElement)")
    for name in ("Initiatives", "Sponsor inbox", "Library", "Review", "Settings"):
        within_reach(nav.get_by_role("link", name=name), PHONE)
    expect(panel.get_by_role("combobox", name=re.compile("Search"))).to_be_visible()
    expect(panel.get_by_role("button", name=re.compile("^Notifications"))).to_be_visible()
    expect(panel.get_by_role("link", name=re.compile("Your account"))).to_be_visible()
    fits(page, PHONE)
    screenshot(page, "phone-menu")

    page.keyboard.press("Escape")  # closes and gives focus back
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(menu).to_be_focused()

    menu.click()
    page.mouse.click(200, 600)  # a click outside closes
    expect(nav).to_be_hidden()

    menu.click()
    nav.get_by_role("link", name="Library").click()
    expect(page).to_have_url(re.compile(r"/library$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Learning library")
    expect(menu).to_have_attribute("aria-expanded", "false")

    desktop = browsers.page(demo["buyer"], demo["password"], viewport=DESKTOP)
    desktop.goto(f"/e/{ids['engagement']}")
    expect(desktop.get_by_role("navigation", name="Main")).to_be_visible()
    expect(desktop.get_by_role("button", name="Menu")).to_have_count(0)
    assert not page.errors and not desktop.errors


def test_the_board_shows_one_lane_at_a_time_behind_lane_tabs(demo, ids, browsers, api):
    cards = api(demo["buyer"], demo["password"])("GET", f"/initiatives/{ids['initiative']}/cards", expect=200)
    count = lambda kind: sum(c["kind"] == kind for c in cards)  # noqa: E731
    page = browsers.page(demo["buyer"], demo["password"], viewport=PHONE)
    page.goto(f"/i/{ids['initiative']}")
    tabs = page.get_by_role("tablist", name="Lanes")
    observations = tabs.get_by_role("tab", name=re.compile("^Observations"))
    stories = tabs.get_by_role("tab", name=re.compile("^Stories"))
    experiments = tabs.get_by_role("tab", name=re.compile("^Experiments"))
    expect(observations).to_have_text(f"Observations {count('observation')}")
    expect(stories).to_have_text(f"Stories {count('story')}")
    expect(experiments).to_have_text(f"Experiments {count('experiment')}")
    expect(observations).to_have_attribute("aria-selected", "true")
    panel = lambda tab: page.locator(f"#{tab.get_attribute('aria-controls')}")  # noqa: E731
    expect(panel(observations)).to_be_visible()
    expect(panel(stories)).to_be_hidden()
    lane = panel(observations).bounding_box()
    assert lane["width"] >= PHONE["width"] - 30, lane  # the lane fills the width
    for tab in (observations, stories, experiments):
        within_reach(tab, PHONE)

    stories.click()
    expect(stories).to_have_attribute("aria-selected", "true")
    expect(panel(stories)).to_be_visible()
    expect(panel(observations)).to_be_hidden()
    expect(panel(stories).locator("article.card-story")).to_have_count(count("story"))
    screenshot(page, "phone-board")

    page.keyboard.press("ArrowRight")  # arrows move along the tabs and select
    expect(experiments).to_be_focused()
    expect(experiments).to_have_attribute("aria-selected", "true")
    expect(panel(experiments)).to_be_visible()
    expect(panel(experiments).get_by_role("list", name="Experiments: Running")).to_be_visible()
    page.keyboard.press("ArrowRight")
    expect(observations).to_be_focused()
    page.keyboard.press("End")
    expect(experiments).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Home")
    expect(observations).to_have_attribute("aria-selected", "true")
    expect(page.locator("[role=tab][tabindex='0']")).to_have_count(1)
    fits(page, PHONE)

    desktop = browsers.page(demo["buyer"], demo["password"], viewport=DESKTOP)
    desktop.goto(f"/i/{ids['initiative']}")
    expect(desktop.locator("section.lane-story")).to_be_visible()
    expect(desktop.locator("section.lane-observation")).to_be_visible()
    expect(desktop.get_by_role("tablist", name="Lanes")).to_have_count(0)
    assert not page.errors and not desktop.errors


def test_capture_fits_a_phone_with_a_session_running(demo, ids, browsers, api):
    pw = demo["password"]
    session = api(demo["provider"], pw)("POST", f"/initiatives/{ids['initiative']}/shadowing-sessions",
                                        {"host": "Lee Park, collections agent", "context": "Outbound early-arrears queue"},
                                        expect=201)
    page = browsers.page(demo["provider"], pw, viewport=SMALL_PHONE)
    page.goto(f"/i/{ids['initiative']}/capture?session={session['id']}")
    box = page.get_by_label("Capture observation")
    for line in ("Copies the balance from the CRM into the payment screen by hand #rekeying", LONG_WORD):
        box.fill(line)
        box.press("Enter")
    expect(page.locator(".captured-item")).to_have_count(2)
    expect(page.locator(".captured-item", has_text=LONG_WORD[:20])).to_be_visible()
    fits(page, SMALL_PHONE)
    within_reach(page.get_by_role("radio").first, SMALL_PHONE)
    screenshot(page, "phone-capture")
    assert not page.errors
