"""A whole phased workshop in four real browsers (issue 17): started from a template, private writing in
reflect (no other participant's page, socket frames, card list or board snapshot holds a card before the
reveal), grouping,
a vote scoped to one cluster, the discussion stepping through the ranked topics and capturing outcomes on
the focused card, and the end, whose summary is on the board's activity."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.realtime.harness import BoardClient
from tests.support.axe import violations
from tests.support.browser import PHONE, page_width
from tests.support.gestures import card, email, open_board

WIDE = {"width": 1440, "height": 900}
PEOPLE = ("facilitator", "buyer", "provider", "sponsor")
WRITTEN = {
    "facilitator": "Agents keep a paper list of callbacks",
    "buyer": "Agents re-key the address from the letter",
    "provider": "Customers are called three times a day",
    "sponsor": "Agents re-key the income into the calculator",
}
STEPS = [
    {"phase": "reflect", "prompt": "What did you see at the desk?", "seconds": 300},
    {"phase": "group", "prompt": "Put what belongs together in a cluster", "seconds": None},
    {"phase": "vote", "prompt": "Which re-keying costs most?", "seconds": 180, "votes_per_person": 3, "kind": "observation"},
    {"phase": "discuss", "prompt": "What do we do about it?", "seconds": 240, "topics": 2},
]


def snapshot_cards(server, api, who: str, initiative: str) -> list[str]:
    """The texts of the cards a fresh socket join's snapshot gives ``who``."""
    client = BoardClient(server.url, api(email(who)).headers["Authorization"].split(" ", 1)[1]).connect()
    try:
        ack = client.join(initiative)
        return [c.get("text") or c.get("title") for c in ack["snapshot"]["cards"]]
    finally:
        client.close()


def add_observation(page, text: str) -> None:
    box = page.get_by_label("Add observation")
    box.fill(text)
    box.press("Enter")


def bar(page):
    return page.get_by_role("region", name="Workshop")


def test_a_whole_workshop_from_a_template_with_four_people(world, browsers, api, server):
    ini = world.initiative
    run = api(email("facilitator"))
    template = run("POST", f"/engagements/{world.engagement}/workshop-templates",
                   {"name": "Desk debrief", "description": "After a morning at the desk", "steps": STEPS}, expect=201)
    frames: dict[str, list[str]] = {who: [] for who in PEOPLE}  # every Socket.IO frame each browser received
    pages = {}
    for who in PEOPLE:
        page = browsers.page(email(who), viewport=WIDE)
        page.on("websocket", lambda ws, who=who: ws.on("framereceived", lambda f, who=who: frames[who].append(str(f))))
        pages[who] = open_board(page, ini)
    fac = pages["facilitator"]

    # ---- start from a template: the built-ins and the engagement's own are offered, with their steps
    fac.get_by_role("button", name="Start workshop").click()
    dialog = fac.get_by_role("dialog", name="Start a workshop")
    for name in ("Shadowing debrief", "Story mapping", "Experiment prioritisation", "Quarterly learning review", "Desk debrief"):
        expect(dialog.get_by_role("radio", name=re.compile(name, re.I))).to_have_count(1)
    dialog.get_by_role("radio", name=re.compile("Desk debrief")).check()
    expect(dialog.locator(".ws-step-list li")).to_have_count(4)
    expect(dialog.locator(".ws-step-list")).to_contain_text("What did you see at the desk?")
    assert violations(fac) == []
    dialog.get_by_role("button", name="Start workshop").click()
    expect(dialog).to_have_count(0)

    # ---- reflect: everyone writes; nobody else's page, card list or snapshot holds it until the reveal
    for page in pages.values():
        expect(page.get_by_test_id("workshop-prompt")).to_have_text(re.compile("What did you see at the desk"))
        expect(bar(page).locator(".ws-step.now")).to_have_text("Reflect")
        expect(bar(page).locator(".ws-stepper")).to_have_text(re.compile("Reflect.*Group.*Vote.*Discuss.*End"))
        expect(page.get_by_test_id("workshop-clock")).to_have_text(re.compile(r"^(5:00|4:5\d)$"))
    for who in PEOPLE[1:]:
        expect(pages[who].get_by_test_id("private-note")).to_have_text("Your cards stay private until the facilitator reveals them")
    for who, page in pages.items():
        add_observation(page, WRITTEN[who])
        mine = card(page, WRITTEN[who])
        expect(mine.locator(".private-badge")).to_have_text("Private")
        expect(mine).not_to_have_class(re.compile("pending"))
    expect(fac.get_by_test_id("private-waiting")).to_have_text("4 private cards waiting")  # live: the server tells facilitators the count
    for who, page in pages.items():
        for other, text in WRITTEN.items():
            if other != who:
                expect(card(page, text)).to_have_count(0)
        listed = [c.get("text") for c in api(email(who))("GET", f"/initiatives/{ini}/cards", expect=200)]
        assert listed == [WRITTEN[who]], f"{who} lists {listed}"
        assert snapshot_cards(server, api, who, ini) == [WRITTEN[who]]
        heard = "".join(frames[who])
        assert WRITTEN[who] in heard, f"{who}'s socket never carried their own card"
        assert not [t for other, t in WRITTEN.items() if other != who and t in heard], f"{who}'s socket carried another's card"
    assert violations(pages["buyer"]) == []

    # ---- group: the reveal brings every card to every board; two go into one cluster (by keyboard)
    fac.get_by_role("button", name=re.compile("^Next phase")).click()
    for page in pages.values():
        expect(bar(page).locator(".ws-step.now")).to_have_text("Group")
        for text in WRITTEN.values():
            expect(card(page, text)).to_have_count(1)
        expect(page.locator(".private-badge")).to_have_count(0)
    assert all(t in "".join(frames["provider"]) for t in WRITTEN.values())  # the reveal came over the socket
    buyer = pages["buyer"]
    body = card(buyer, WRITTEN["buyer"]).locator(".card-body")
    body.focus()
    body.press("g")
    buyer.get_by_label("New cluster label").fill("Re-keying")
    buyer.get_by_label("New cluster label").press("Enter")
    expect(buyer.get_by_role("list", name="Cluster Re-keying").locator("article")).to_have_count(1)  # the lane has settled
    body = card(buyer, WRITTEN["sponsor"]).locator(".card-body")
    body.focus()
    body.press("g")
    buyer.get_by_role("menuitemradio", name=re.compile("Re-keying")).click()
    expect(fac.get_by_role("list", name="Cluster Re-keying").locator("article")).to_have_count(2)

    # ---- vote: the facilitator scopes the round to the cluster; + Vote shows on its cards only
    fac.get_by_role("button", name=re.compile("^Next phase")).click()
    scope = fac.get_by_role("dialog", name="What does the vote cover?")
    expect(scope.get_by_role("radio", name=re.compile("As the template says: the observations"))).to_be_checked()
    scope.get_by_role("radio", name="One cluster").check()
    scope.get_by_label("Cluster", exact=True).select_option(label="Re-keying")
    scope.get_by_role("button", name="Start the vote").click()
    for who in PEOPLE:
        page = pages[who]
        expect(bar(page).locator(".ws-step.now")).to_have_text("Vote")
        expect(page.get_by_role("button", name=re.compile("^Vote for"))).to_have_count(2)
        expect(card(page, WRITTEN["provider"]).get_by_role("button", name=re.compile("^Vote for"))).to_have_count(0)
    rnd = run("GET", f"/initiatives/{ini}/workshop", expect=200)["voting_round_id"]
    outside = next(c for c in run("GET", f"/initiatives/{ini}/cards", expect=200) if c["text"] == WRITTEN["provider"])
    refused = api(email("buyer"))("POST", f"/voting-rounds/{rnd}/votes", {"card_id": outside["id"]}, expect=422)
    assert "card_id" in refused["error"]["fields"] and "Not in this round" in refused["error"]["message"]
    vote = lambda who, text: pages[who].get_by_role("button", name=re.compile(f"^Vote for {text[:20]}")).click()  # noqa: E731
    vote("buyer", WRITTEN["buyer"])
    vote("buyer", WRITTEN["buyer"])
    vote("provider", WRITTEN["buyer"])
    vote("sponsor", WRITTEN["sponsor"])
    expect(fac.get_by_test_id("vote-counts")).to_have_text("4 votes from 3 people")

    # ---- discuss: the ranking is the agenda, topic by topic, in focus for everyone; outcomes on the card
    fac.get_by_role("button", name=re.compile("^Next phase")).click()
    for page in pages.values():
        expect(page.get_by_test_id("topic")).to_have_text("Topic 1 of 2")
        expect(card(page, WRITTEN["buyer"])).to_have_class(re.compile("ws-focused"))
    top = fac.locator(".lanes").bounding_box()["y"]
    assert top <= 0.3 * WIDE["height"], f"the lanes start at y={top} with the bar, the focus and the clusters showing"
    focused = card(fac, WRITTEN["buyer"])
    focused.get_by_role("button", name="Add outcome").click()
    outcome = fac.get_by_label("What did the group decide or learn?")
    expect(outcome).to_be_focused()  # typed at once, key by key, as a person does
    fac.keyboard.type("Prefill the address from the letter")
    expect(outcome).to_be_focused()
    fac.keyboard.press("Enter")
    expect(fac.locator(".toast", has_text="Outcome added")).to_be_visible()
    focused.get_by_role("button", name="Turn into story").click()
    editor = fac.locator("form.card-editor.card-story")
    expect(editor).to_be_visible()
    fac.keyboard.press("Escape")
    stories = [c for c in run("GET", f"/initiatives/{ini}/cards", expect=200) if c["kind"] == "story"]
    assert [(s["title"], len(s["evidence"])) for s in stories] == [(WRITTEN["buyer"], 1)]
    fac.get_by_role("button", name="Next topic").click()
    for page in pages.values():
        expect(page.get_by_test_id("topic")).to_have_text("Topic 2 of 2")
        expect(card(page, WRITTEN["sponsor"])).to_have_class(re.compile("ws-focused"))
    expect(pages["buyer"].get_by_role("button", name="Next topic")).to_have_count(0)  # the facilitator's
    fac.get_by_role("button", name="Previous topic").click()
    expect(pages["sponsor"].get_by_test_id("topic")).to_have_text("Topic 1 of 2")
    assert violations(fac) == []

    # ---- end: nothing runs on any board; the summary is in the activity feed
    fac.get_by_role("button", name="End workshop").click()
    fac.get_by_role("dialog", name="End the workshop for everyone?").get_by_role("button", name="End workshop").click()
    for who in PEOPLE[1:]:
        page = pages[who]
        expect(bar(page)).to_have_count(0)
        expect(page.get_by_test_id("focus-banner")).to_have_count(0)
        expect(page.locator(".ws-focused, .ws-vote")).to_have_count(0)
    state = run("GET", f"/initiatives/{ini}/workshop", expect=200)
    assert (state["phase"], state["steps"], state["agenda"], state["timer"]["status"], state["focus_card_id"]) == (
        None, [], [], "idle", None)
    buyer.get_by_role("button", name="Activity").click()
    summary = buyer.get_by_test_id("workshop-summary")
    for name in ("Facilitator", "Buyer", "Provider", "Sponsor"):
        expect(summary).to_contain_text(name)
    expect(summary).to_contain_text("“Desk debrief” summary")
    expect(summary.locator(".ws-summary-ranking li").first).to_contain_text(WRITTEN["buyer"])
    discussed = summary.locator(".ws-summary-topics > li")
    expect(discussed).to_have_count(2)
    expect(discussed.first).to_contain_text("Outcome: Prefill the address from the letter")
    expect(discussed.first).not_to_contain_text("Outcome: Outcome:")
    expect(discussed.first).to_contain_text(f"Story: {WRITTEN['buyer']}")
    expect(discussed.nth(1)).to_contain_text("(nothing captured)")
    for page in pages.values():
        assert page.errors == []
    template_ids = [t["id"] for t in run("GET", f"/engagements/{world.engagement}/workshop-templates", expect=200)]
    assert template["id"] in template_ids


def test_a_built_in_template_started_on_a_phone(world, browsers):
    """At 390 px the template picker and the bar fit the screen, are axe-clean, and a built-in template runs."""
    fac = open_board(browsers.page(email("facilitator"), viewport=PHONE), world.initiative)
    buyer = open_board(browsers.page(email("buyer"), viewport=PHONE), world.initiative)
    fac.get_by_role("button", name="Start workshop").click()
    dialog = fac.get_by_role("dialog", name="Start a workshop")
    dialog.get_by_role("radio", name=re.compile("Shadowing debrief")).check()
    expect(dialog.locator(".ws-step-list li")).to_have_count(4)
    assert page_width(fac) <= PHONE["width"] and violations(fac) == []
    dialog.get_by_role("button", name="Start workshop").click()
    for page in (fac, buyer):
        expect(page.get_by_test_id("workshop-prompt")).to_contain_text("What did you see or hear while shadowing?")
        expect(bar(page).locator(".ws-step.now")).to_have_text("Reflect")
        expect(page.get_by_test_id("workshop-clock")).to_have_text(re.compile(r"^(10:00|9:5\d)$"))
    expect(fac.get_by_test_id("private-waiting")).to_have_text("0 private cards waiting")
    for who, page in (("facilitator", fac), ("buyer", buyer)):
        add_observation(page, f"Written on {who}'s phone")
        expect(card(page, f"Written on {who}'s phone").locator(".private-badge")).to_be_visible()
        assert page_width(page) <= PHONE["width"]
        assert violations(page) == []
    expect(fac.get_by_test_id("private-waiting")).to_have_text("2 private cards waiting")
    expect(card(buyer, "Written on facilitator's phone")).to_have_count(0)
    assert fac.errors == [] and buyer.errors == []


def test_the_facilitator_widens_a_lane_steps_vote_to_every_card(world, browsers, api):
    """A vote step naming a lane covers that lane unless the facilitator picks every card on the way in."""
    ini, run = world.initiative, api(email("facilitator"))
    api(email("provider"))("POST", f"/initiatives/{ini}/cards", {"kind": "observation", "text": "Agents re-key"}, expect=201)
    api(email("provider"))("POST", f"/initiatives/{ini}/cards", {"kind": "story", "title": "Ann pays on payday"}, expect=201)
    steps = [STEPS[1], STEPS[2]]  # group, then a vote over the observations
    template = run("POST", f"/engagements/{world.engagement}/workshop-templates", {"name": "Wide", "steps": steps}, expect=201)
    run("POST", f"/initiatives/{ini}/workshop/start", {"template_id": template["id"]}, expect=200)
    fac = open_board(browsers.page(email("facilitator")), ini)
    fac.get_by_role("button", name=re.compile("^Next phase")).click()
    dialog = fac.get_by_role("dialog", name="What does the vote cover?")
    dialog.get_by_role("radio", name="Every card on the board").check()
    dialog.get_by_role("button", name="Start the vote").click()
    expect(card(fac, "Ann pays on payday").get_by_role("button", name=re.compile("^Vote for"))).to_have_count(1)
    expect(card(fac, "Agents re-key").get_by_role("button", name=re.compile("^Vote for"))).to_have_count(1)
    expect(fac.get_by_test_id("vote-scope")).to_have_text("on every card")
    assert fac.errors == []
