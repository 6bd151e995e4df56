"""Workshop mode in the web app, with two or three people on one board: the facilitator's timer (on the
server's clock, through reloads), dot voting hidden until the reveal (quick clicks each counting), focus,
anonymity (of cards and comments), clusters by drag and drop and by keyboard, a compact bar that leaves the
lanes room, and ending the workshop for everyone."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from playwright.sync_api import expect

from tests.support.browser import screenshot
from tests.support.gestures import card, drag, email, open_board


def clock(page):
    return page.get_by_test_id("workshop-clock")


def seconds(text: str) -> int:
    m, s = text.split(":")
    return int(m) * 60 + int(s)


def test_the_timer_counts_down_for_everyone_on_the_servers_clock(world, browsers):
    facilitator = open_board(browsers.page(email("facilitator")), world.initiative)
    buyer_page = browsers.page(email("buyer"))
    # the buyer's computer clock is 7 minutes fast: the countdown must not care
    buyer_page.clock.install(time=datetime.now(timezone.utc) + timedelta(minutes=7))
    buyer = open_board(buyer_page, world.initiative)

    # nothing runs yet: members see no workshop bar; the facilitator has the controls
    expect(buyer.get_by_role("region", name="Workshop")).to_have_count(0)
    facilitator.get_by_role("button", name="Start a 5 minute timer").click()
    expect(clock(buyer)).to_have_text(re.compile(r"^(5:00|4:5\d)$"))
    first = seconds(clock(buyer).text_content())
    expect(clock(buyer)).not_to_have_text(clock(buyer).text_content(), timeout=3000)  # it counts down
    assert seconds(clock(buyer).text_content()) < first
    for name in ("Pause", "+1 min", "Reset", "Start a 5 minute timer"):
        expect(buyer.get_by_role("button", name=name)).to_have_count(0)

    # a reload picks up the same countdown (from ends_at, not from the start)
    buyer.reload()
    expect(clock(buyer)).to_have_text(re.compile(r"^4:5\d$"))

    facilitator.get_by_role("button", name="Pause").click()
    expect(buyer.locator(".ws-timer")).to_contain_text("Paused")
    facilitator.get_by_role("button", name="+1 min").click()
    expect(clock(buyer)).to_have_text(re.compile(r"^5:5\d$"))
    facilitator.get_by_role("button", name="Reset").click()
    expect(buyer.get_by_role("region", name="Workshop")).to_have_count(0)

    # a custom length (a second): at 0 everyone sees that time is up
    facilitator.get_by_label("Custom minutes").fill("0.02")
    facilitator.get_by_label("Custom minutes").press("Enter")
    expect(buyer.locator(".ws-timer-section.done")).to_contain_text("Time’s up", timeout=6000)
    expect(clock(buyer)).to_have_text("0:00")
    assert facilitator.errors == [] and buyer.errors == []


def test_votes_stay_hidden_until_the_facilitator_reveals_them(world, browsers, api):
    base = f"/initiatives/{world.initiative}/cards"
    for text in ("Agents re-key the address", "Customers are called three times", "Nobody reads the notes"):
        api(email("provider"))("POST", base, {"kind": "observation", "text": text}, expect=201)
    facilitator = open_board(browsers.page(email("facilitator")), world.initiative)
    buyer = open_board(browsers.page(email("buyer")), world.initiative)
    viewer = open_board(browsers.page(email("viewer")), world.initiative)

    facilitator.get_by_label("Votes per person").fill("2")
    facilitator.get_by_role("button", name="Start voting").click()
    expect(buyer.get_by_test_id("votes-left")).to_have_text(re.compile("2 left"))
    expect(viewer.get_by_test_id("vote-counts")).to_have_text("0 votes from 0 people")
    expect(viewer.get_by_role("button", name=re.compile("^Vote for"))).to_have_count(0)  # viewers do not vote
    expect(buyer.get_by_role("button", name="Reveal votes")).to_have_count(0)

    rekey = buyer.get_by_role("button", name=re.compile("^Vote for Agents re-key"))
    rekey.click()
    rekey.click()
    expect(buyer.get_by_test_id("votes-left")).to_have_text(re.compile("0 left"))
    expect(rekey).to_be_disabled()
    expect(card(buyer, "Agents re-key").locator(".ws-dot")).to_have_count(2)
    buyer.get_by_role("button", name=re.compile("^Take back a vote from Agents re-key")).click()
    buyer.get_by_role("button", name=re.compile("^Vote for Customers are called")).click()
    # the keyboard: + on a focused card
    body = card(facilitator, "Customers are called").locator(".card-body")
    body.focus()
    body.press("+")
    for page in (facilitator, buyer, viewer):
        expect(page.get_by_test_id("vote-counts")).to_have_text("3 votes from 2 people")
    # the others see counts, never whose dots are where
    expect(card(facilitator, "Agents re-key").locator(".ws-dot")).to_have_count(0)
    expect(card(viewer, "Customers are called").locator(".ws-dot, .ws-result")).to_have_count(0)

    facilitator.get_by_role("button", name="Reveal votes").click()
    for page in (buyer, viewer):
        ranking = page.get_by_role("region", name="Ranking")
        expect(ranking.locator(".ws-rank-row")).to_have_count(2)
        expect(ranking.locator(".ws-rank-row").first).to_contain_text("Customers are called")
        expect(ranking.locator(".ws-rank-row").first).to_contain_text("2 votes")
        expect(card(page, "Agents re-key").locator(".ws-result")).to_have_text("#21 vote")
    buyer.get_by_role("button", name=re.compile("^Rank 1, 2 votes")).click()
    expect(card(buyer, "Customers are called").locator(".card-body")).to_be_focused()
    buyer.reload()
    expect(card(buyer, "Customers are called").locator(".ws-result")).to_have_text("#12 votes")
    assert facilitator.errors == [] and buyer.errors == [] and viewer.errors == []


def test_focus_brings_everyone_to_a_card_and_anonymity_hides_names_not_sides(world, browsers, api):
    base = f"/initiatives/{world.initiative}/cards"
    api(email("sponsor"))("POST", base, {"kind": "observation", "text": "Sponsor saw the queue"}, expect=201)
    far = api(email("facilitator"))("POST", base, {"kind": "experiment", "title": "Parked calendar idea"}, expect=201)
    api(email("facilitator"))("PATCH", f"/cards/{far['id']}", {"version": 1, "status": "parked"}, expect=200)
    facilitator = open_board(browsers.page(email("facilitator"), viewport={"width": 1700, "height": 900}), world.initiative)
    buyer = open_board(browsers.page(email("buyer")), world.initiative)
    parked = card(buyer, "Parked calendar idea")
    expect(parked).not_to_be_in_viewport()  # the parked column is off to the right on the buyer's screen

    facilitator.get_by_role("button", name="Focus everyone on Parked calendar idea").click()
    banner = buyer.get_by_test_id("focus-banner")
    expect(banner).to_contain_text("Facilitator brings everyone to “Parked calendar idea”")
    expect(parked).to_have_class(re.compile("ws-focused"))
    expect(parked).to_be_in_viewport()
    for name in ("Clear focus", re.compile("^Focus everyone on")):  # the facilitator's, not a member's
        expect(buyer.get_by_role("button", name=name)).to_have_count(0)
    expect(buyer.get_by_role("switch", name="Hide authors")).to_have_count(0)
    buyer.get_by_role("button", name=re.compile("^Dismiss the focus banner")).click()
    expect(banner).to_have_count(0)
    expect(parked).to_have_class(re.compile("ws-focused"))  # dismissed on the buyer's screen only
    expect(facilitator.get_by_test_id("focus-banner")).to_be_visible()
    facilitator.get_by_role("button", name="Clear focus").click()
    expect(parked).not_to_have_class(re.compile("ws-focused"))

    # anonymity: names go, sides stay (and come back when it is switched off)
    seen = card(buyer, "Sponsor saw the queue")
    expect(seen.locator(".byline-name")).to_have_text("Sponsor")
    facilitator.get_by_role("switch", name="Hide authors").click()
    expect(seen.locator(".byline-name")).to_have_text("Buyer")
    expect(parked.locator(".byline-name")).to_have_text("Provider")
    expect(seen).to_have_class(re.compile("side-buyer"))
    expect(parked).to_have_class(re.compile("side-provider"))
    expect(buyer.locator(".lanes")).not_to_contain_text("Facilitator")
    expect(buyer.get_by_role("region", name="Workshop")).to_contain_text("Authors hidden")
    buyer.get_by_label("Add observation").fill("Written while hidden")
    buyer.get_by_label("Add observation").press("Enter")
    expect(card(facilitator, "Written while hidden").locator(".byline-name")).to_have_text("Buyer")
    facilitator.get_by_role("switch", name="Hide authors").click()
    expect(seen.locator(".byline-name")).to_have_text("Sponsor")
    expect(card(facilitator, "Written while hidden").locator(".byline-name")).to_have_text("Buyer")  # the persona's name
    expect(card(buyer, "Parked calendar idea").locator(".byline-name")).to_have_text("Facilitator")
    assert facilitator.errors == [] and buyer.errors == []


def test_clusters_by_keyboard_and_drag_and_drop_are_live_and_persist(world, browsers, api):
    base = f"/initiatives/{world.initiative}/cards"
    for text in ("Re-keys the address", "Re-keys the income", "Copies the notes", "Calls three times"):
        api(email("provider"))("POST", base, {"kind": "observation", "text": text}, expect=201)
    buyer = open_board(browsers.page(email("buyer"), viewport={"width": 1400, "height": 1000}), world.initiative)
    provider = open_board(browsers.page(email("provider")), world.initiative)
    group = lambda page: page.get_by_role("list", name="Cluster Re-keying")  # noqa: E731

    # keyboard: G on a focused card opens its cluster picker; a new cluster takes the card
    body = card(buyer, "Re-keys the address").locator(".card-body")
    body.focus()
    body.press("g")
    buyer.get_by_label("New cluster label").fill("Re-keying")
    buyer.get_by_label("New cluster label").press("Enter")
    expect(group(provider).locator("article")).to_have_text([re.compile("Re-keys the address")])

    # mouse: onto the cluster in the tray, then onto a card of the group; dragging out leaves it
    drag(buyer, card(buyer, "Re-keys the income").locator(".card-body"), buyer.get_by_test_id("cluster-chip"))
    expect(group(provider).locator("article")).to_have_count(2)
    drag(buyer, card(buyer, "Copies the notes").locator(".card-body"), card(buyer, "Re-keys the address"))
    expect(group(provider).locator("article")).to_have_count(3)
    drag(buyer, card(buyer, "Copies the notes").locator(".card-body"), card(buyer, "Calls three times"))
    expect(group(provider).locator("article .card-text")).to_have_text(["Re-keys the address", "Re-keys the income"])
    expect(provider.get_by_test_id("cluster-chip")).to_contain_text("2")

    provider.reload()
    expect(group(provider).locator("article .card-text")).to_have_text(["Re-keys the address", "Re-keys the income"])

    # dissolve, and undo it
    buyer.get_by_role("button", name="Cluster Re-keying: rename or dissolve").first.click()
    buyer.get_by_role("menuitem", name="Dissolve (cards stay)").click()
    expect(group(provider)).to_have_count(0)
    expect(card(provider, "Re-keys the income")).to_be_visible()
    buyer.locator(".toast", has_text="dissolved").get_by_role("button", name="Undo").click()
    expect(group(provider).locator("article")).to_have_count(2)
    assert buyer.errors == [] and provider.errors == []


def test_workshop_screenshot_on_the_demo(demo, browsers, api):  # noqa: F811
    """docs/screenshots/workshop.png: a lively workshop — timer running, a round open, clusters, a focused card."""
    pw, felix = demo["password"], "felix.facilitator@brightline.example"
    run = api(felix, pw)
    engagement = run("GET", "/engagements", expect=200)[0]["id"]
    initiative = next(i for i in run("GET", f"/engagements/{engagement}/initiatives", expect=200)
                      if i["title"] == demo["initiative_title"])["id"]
    base = f"/initiatives/{initiative}"
    cards = run("GET", f"{base}/cards", expect=200)
    tagged = lambda tag: [c for c in cards if tag in (c.get("tags") or [])]  # noqa: E731
    for label, tag in (("Promise to pay", "promise-to-pay"), ("Paid on payday", "payday")):
        cluster = run("POST", f"{base}/clusters", {"label": label}, expect=201)
        for c in tagged(tag)[:3]:
            run("PATCH", f"/cards/{c['id']}", {"version": c["version"], "cluster_id": cluster["id"]}, expect=200)
    story = next(c for c in cards if c["kind"] == "story" and c["title"].startswith("Paying on payday"))
    sms = next(c for c in cards if c["kind"] == "experiment" and "SMS" in c["title"])
    rnd = run("POST", f"{base}/voting-rounds", {"votes_per_person": 3}, expect=201)
    for who, picks in ((felix, [story, sms]), (demo["buyer"], [story, story, sms]), (demo["provider"], [sms])):
        for c in picks:
            api(who, pw)("POST", f"/voting-rounds/{rnd['id']}/votes", {"card_id": c["id"]}, expect=201)
    run("PUT", f"{base}/workshop/timer", {"action": "start", "seconds": 600}, expect=200)
    run("PUT", f"{base}/workshop/focus", {"card_id": story["id"]}, expect=200)

    for who in (demo["buyer"], demo["provider"]):
        open_board(browsers.page(who, pw), initiative)
    page = open_board(browsers.page(felix, pw), initiative)
    expect(page.locator(".presence .avatar")).to_have_count(3)
    expect(clock(page)).to_have_text(re.compile(r"^9:5\d$"))
    expect(page.get_by_test_id("vote-counts")).to_have_text("6 votes from 3 people")
    expect(page.get_by_test_id("votes-left")).to_have_text(re.compile("1 left"))
    expect(page.get_by_role("list", name="Cluster Promise to pay").locator("article")).to_have_count(3)
    expect(page.get_by_test_id("focus-banner")).to_contain_text("Felix Moreau brings everyone to “Paying on payday")
    expect(card(page, "Paying on payday")).to_have_class(re.compile("ws-focused"))
    expect(card(page, "Paying on payday").locator(".ws-dot")).to_have_count(1)
    page.mouse.move(5, 5)
    screenshot(page, "workshop")
    assert page.errors == []


WIDE = {"width": 1440, "height": 900}


def _running_workshop(world, api, votes=3):
    """A board mid-workshop: two cards, a cluster, the timer running, a card in focus, authors hidden, a round open."""
    base, run = f"/initiatives/{world.initiative}", api(email("facilitator"))
    cards = [api(email("provider"))("POST", f"{base}/cards", {"kind": "observation", "text": text}, expect=201)
             for text in ("Agents re-key the address", "Customers are called three times")]
    cluster = run("POST", f"{base}/clusters", {"label": "Re-keying"}, expect=201)
    run("PATCH", f"/cards/{cards[0]['id']}", {"version": 1, "cluster_id": cluster["id"]}, expect=200)
    run("PUT", f"{base}/workshop/timer", {"action": "start", "seconds": 600}, expect=200)
    run("PUT", f"{base}/workshop/focus", {"card_id": cards[1]["id"]}, expect=200)
    run("PATCH", f"{base}/workshop", {"anonymous": True}, expect=200)
    return cards, run("POST", f"{base}/voting-rounds", {"votes_per_person": votes}, expect=201)


def test_the_workshop_bar_focus_banner_and_cluster_tray_leave_the_lanes_70_percent(world, browsers, api):
    _running_workshop(world, api)
    for who in ("facilitator", "buyer"):
        page = open_board(browsers.page(email(who), viewport=WIDE), world.initiative)
        expect(page.get_by_role("region", name="Workshop")).to_be_visible()
        expect(page.get_by_test_id("focus-banner")).to_be_visible()
        expect(page.get_by_role("group", name="Clusters")).to_be_visible()
        top = page.locator(".lanes").bounding_box()["y"]
        assert top <= 0.3 * WIDE["height"], f"{who}: the lanes start at y={top} of {WIDE['height']}"
        assert page.errors == []


def test_two_quick_clicks_on_vote_cast_two_votes(world, browsers, api):
    cards, rnd = _running_workshop(world, api)
    buyer = open_board(browsers.page(email("buyer"), viewport=WIDE), world.initiative)
    button = buyer.get_by_role("button", name=re.compile("^Vote for Agents re-key"))
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    buyer.mouse.click(x, y)  # as a person does: twice at the same spot, a quarter of a second apart
    buyer.wait_for_timeout(250)
    buyer.mouse.click(x, y)
    expect(card(buyer, "Agents re-key").locator(".ws-dot")).to_have_count(2)
    mine = lambda: api(email("buyer"))("GET", f"/voting-rounds/{rnd['id']}", expect=200)["my_votes"]  # noqa: E731
    expect(buyer.get_by_test_id("votes-left")).to_have_text(re.compile("1 left"))
    assert mine() == [cards[0]["id"]] * 2
    assert button.bounding_box() == box  # + Vote kept its place; − is beside it, disabled at 0
    expect(card(buyer, "Customers are called").get_by_role("button", name=re.compile("^Take back a vote"))).to_be_disabled()
    # a double click is two votes as well, within the cap: the third goes in, the fourth is refused
    other = buyer.get_by_role("button", name=re.compile("^Vote for Customers are called"))
    other.dblclick()
    expect(buyer.get_by_test_id("votes-left")).to_have_text(re.compile("0 left"))
    assert sorted(mine()) == sorted([cards[0]["id"]] * 2 + [cards[1]["id"]])
    assert buyer.errors == []


def test_ending_the_workshop_clears_every_board_and_leaves_its_summary(world, browsers, api):
    cards, rnd = _running_workshop(world, api)
    api(email("buyer"))("POST", f"/voting-rounds/{rnd['id']}/votes", {"card_id": cards[1]["id"]}, expect=201)
    facilitator = open_board(browsers.page(email("facilitator"), viewport=WIDE), world.initiative)
    buyer = open_board(browsers.page(email("buyer"), viewport=WIDE), world.initiative)
    expect(card(buyer, "Customers are called")).to_have_class(re.compile("ws-focused"))
    expect(card(buyer, "Customers are called").locator(".byline.ws-anon")).to_have_count(1)  # only the side shows
    expect(buyer.get_by_role("button", name="End workshop")).to_have_count(0)  # the facilitator's
    buyer.get_by_label("Add observation").fill("Written in the workshop")
    buyer.get_by_label("Add observation").press("Enter")
    expect(card(facilitator, "Written in the workshop").locator(".byline-name")).to_have_text("Buyer")

    facilitator.get_by_role("button", name="End workshop").click()
    dialog = facilitator.get_by_role("dialog", name="End the workshop for everyone?")
    dialog.get_by_role("button", name="Keep going").click()
    expect(dialog).to_have_count(0)
    expect(clock(buyer)).to_be_visible()  # nothing ended
    facilitator.get_by_role("button", name="End workshop").click()
    dialog.get_by_role("button", name="End workshop").click()

    for page in (buyer, facilitator):
        expect(page.get_by_test_id("focus-banner")).to_have_count(0)
        expect(clock(page)).to_have_count(0)
        expect(page.get_by_test_id("vote-counts")).to_have_count(0)
        expect(page.locator(".ws-focused, .ws-vote, .ws-result")).to_have_count(0)
        expect(page.locator(".byline.ws-anon")).to_have_count(0)  # names are back
        expect(card(page, "Customers are called").locator(".byline-name")).to_have_text("Provider")  # the persona's name
    expect(buyer.get_by_role("region", name="Workshop")).to_have_count(0)
    state = api(email("buyer"))("GET", f"/initiatives/{world.initiative}/workshop", expect=200)
    assert (state["timer"]["status"], state["focus_card_id"], state["anonymous"], state["voting_round_id"]) == (
        "idle", None, False, None)

    # the activity feed has the summary; a reload the next day still shows nothing running
    buyer.get_by_role("button", name="Activity").click()
    summary = buyer.get_by_test_id("workshop-summary")
    expect(summary).to_contain_text("Took part")
    expect(summary).to_contain_text("Buyer (Buyer)")
    expect(summary).to_contain_text("1 observation · 0 stories · 0 experiments · 0 comments")
    expect(summary.locator(".ws-summary-ranking li").first).to_contain_text("Customers are called three times — 1 vote")
    buyer.reload()
    expect(buyer.get_by_role("status", name="Connection: Live")).to_be_visible()
    expect(buyer.get_by_role("region", name="Workshop")).to_have_count(0)
    expect(buyer.locator(".ws-focused, .ws-result")).to_have_count(0)
    assert facilitator.errors == [] and buyer.errors == []


def test_hidden_authors_hide_who_wrote_each_comment_in_the_drawer(world, browsers, api):
    base = f"/initiatives/{world.initiative}"
    obs = api(email("provider"))("POST", f"{base}/cards", {"kind": "observation", "text": "Agents re-key"}, expect=201)
    api(email("sponsor"))("POST", f"/cards/{obs['id']}/comments", {"text": "Seen it at the desk"}, expect=201)
    buyer = open_board(browsers.page(email("buyer")), f"{world.initiative}?card={obs['id']}")
    authors = buyer.get_by_role("dialog", name="Agents re-key").locator(".comment-author")
    expect(authors).to_have_text(["Sponsor"])
    api(email("facilitator"))("PATCH", f"{base}/workshop", {"anonymous": True}, expect=200)
    expect(authors).to_have_text(["Buyer"])  # the one loaded before hides its name too: only the side shows
    api(email("facilitator"))("POST", f"/cards/{obs['id']}/comments", {"text": "Every time?"}, expect=201)
    expect(authors).to_have_text(["Buyer", "Provider"])
    expect(buyer.locator(".thread")).not_to_contain_text("Facilitator")
    api(email("facilitator"))("PATCH", f"{base}/workshop", {"anonymous": False}, expect=200)
    expect(authors).to_have_text(["Sponsor", "Facilitator"])
    assert buyer.errors == []
