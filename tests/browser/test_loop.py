"""The co-learning loop in the web app: comments with @mentions live in the card drawer, the
notifications bell (live, and on the next sign-in), the evidence chain both ways, the learning card,
and the personal-data guard. Two browsers at once against a real server."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.browser import screenshot
from tests.support.gestures import drag

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


def unread(n: int) -> str:
    """The bell's accessible name with ``n`` unread."""
    return f"Notifications, {n} unread" if n else "Notifications"


def test_a_mention_reaches_the_open_drawer_and_the_bell_live_and_survives_signing_in_again(demo, browsers, api):  # noqa: F811
    pw = demo["password"]
    ana_api = api(demo["buyer"], pw)
    engagement = ana_api("GET", "/me", expect=200)["engagements"][0]["id"]
    ini = next(i["id"] for i in ana_api("GET", f"/engagements/{engagement}/initiatives", expect=200)
               if i["title"] == demo["initiative_title"])
    story = next(c for c in ana_api("GET", f"/initiatives/{ini}/cards?kind=story", expect=200)
                 if c["title"].startswith("Paying on payday"))

    before = len(api(demo["provider"], pw)("GET", "/notifications?unread=true", expect=200))  # from the demo's history
    assert before >= 2

    # Priya (provider) has the story open from a link: the drawer, its thread, the card in view
    priya = open_board(browsers.page(demo["provider"], pw), f"/i/{ini}?card={story['id']}")
    drawer = priya.get_by_role("dialog", name=story["title"])
    expect(drawer.locator(".comment")).to_have_count(2)
    expect(drawer.locator(".mention.side-buyer")).to_have_text("@Ben")  # the one Ben of the engagement
    face = priya.locator(f'article[data-card-id="{story["id"]}"]')
    expect(face).to_have_class(re.compile("highlighted"))
    expect(face).to_be_in_viewport()
    expect(bell(priya)).to_have_accessible_name(unread(before))

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
    expect(bell(priya)).to_have_accessible_name(unread(before + 1))
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
    expect(bell(priya)).to_have_accessible_name(unread(before + 1))
    bell(priya).click()
    pop = priya.get_by_role("dialog", name="Notifications")
    items = pop.locator(".notif-item")
    expect(items).to_have_count(before + 1)
    expect(items.first).to_contain_text("Ana Ribeiro mentioned you on “Paying on payday")  # newest first
    expect(items.first).to_have_class(re.compile("unread"))
    expect(pop.locator(".notif-link").first).to_be_focused()
    screenshot(priya, "notifications")

    # clicking it opens the card and reads it
    pop.locator(".notif-link").first.click()
    expect(priya).to_have_url(re.compile(rf"/i/{ini}\?card={story['id']}$"))
    expect(priya.get_by_role("dialog", name=story["title"]).locator(".comment", has_text="bring the numbers")).to_be_visible()
    expect(bell(priya)).to_have_accessible_name(unread(before))

    # mark one read, then all (keyboard: the popover closes with Escape, focus back on the bell)
    bell(priya).click()
    pop.get_by_role("button", name=re.compile("^Mark read:")).first.click()
    expect(bell(priya)).to_have_accessible_name(unread(before - 1))
    pop.get_by_role("button", name="Mark all read").click()
    expect(bell(priya)).to_have_accessible_name("Notifications")
    priya.keyboard.press("Escape")
    expect(pop).to_have_count(0)
    expect(bell(priya)).to_be_focused()
    assert api(demo["provider"], pw)("GET", "/notifications?unread=true", expect=200) == []
    assert ana.errors == [] and priya.errors == []


def test_a_budget_decision_notifies_the_requester_and_a_request_the_sponsors(world, browsers, api):
    provider_api = api(email("provider"))
    exp = provider_api("POST", f"/initiatives/{world.initiative}/cards", {"kind": "experiment", "title": "Payday SMS"}, expect=201)
    req = provider_api("POST", f"/cards/{exp['id']}/budget-requests", {"amount": 500, "currency": "EUR", "purpose": "Prototype"}, expect=201)

    # the sponsor, on signing in, has the request waiting: it leads to the sponsor inbox
    sponsor = browsers.page(email("sponsor"))
    sponsor.goto("/")
    expect(bell(sponsor)).to_have_accessible_name("Notifications, 1 unread")
    bell(sponsor).press("Enter")  # keyboard: the popover opens with the first item focused
    item = sponsor.get_by_role("dialog", name="Notifications").locator(".notif-link").first
    expect(item).to_be_focused()
    expect(item).to_contain_text("Provider asks for €500.00: Prototype")
    sponsor.keyboard.press("Enter")
    expect(sponsor).to_have_url(re.compile(rf"/e/{world.engagement}/inbox$"))
    expect(sponsor.locator("li.request", has_text="Payday SMS")).to_be_visible()
    expect(bell(sponsor)).to_have_accessible_name("Notifications")

    # the requester is on the board when the sponsor decides: the bell and a toast say so at once
    provider = open_board(browsers.page(email("provider")), f"/i/{world.initiative}")
    expect(bell(provider)).to_have_accessible_name("Notifications")
    api(email("sponsor"))("POST", f"/budget-requests/{req['id']}/decision",
                          {"approve": True, "amount": 300, "comment": "Start small"}, expect=201)
    expect(bell(provider)).to_have_accessible_name("Notifications, 1 unread")
    toast = provider.locator(".toast", has_text="Sponsor approved €300.00 your request for €500.00: Start small")
    expect(toast).to_be_visible()
    toast.get_by_role("button", name="Open").click()
    expect(provider).to_have_url(re.compile(rf"\?card={exp['id']}$"))
    expect(provider.get_by_role("dialog", name="Payday SMS")).to_be_visible()
    expect(card(provider, "Payday SMS")).to_contain_text("€300 approved")
    expect(bell(provider)).to_have_accessible_name("Notifications")
    assert sponsor.errors == [] and provider.errors == []


def test_a_request_decided_by_one_sponsor_leaves_the_others_bell(world, browsers, api):
    """Notifications that resolve themselves: the other sponsor's bell drops live, the item says decided."""
    provider_api = api(email("provider"))
    exp = provider_api("POST", f"/initiatives/{world.initiative}/cards", {"kind": "experiment", "title": "Payday SMS"}, expect=201)
    req = provider_api("POST", f"/cards/{exp['id']}/budget-requests", {"amount": 500, "currency": "EUR"}, expect=201)
    other = browsers.page(email("sponsor2"))
    other.goto("/")
    expect(bell(other)).to_have_accessible_name("Notifications, 1 unread")
    api(email("sponsor"))("POST", f"/budget-requests/{req['id']}/decision", {"approve": False, "comment": "Not now"},
                          expect=201)
    expect(bell(other)).to_have_accessible_name("Notifications")  # live, no reload
    bell(other).click()
    item = other.get_by_role("dialog", name="Notifications").locator(".notif-item").first
    expect(item).to_have_class(re.compile(r"\bread\b"))
    expect(item).to_contain_text("Budget request decided")
    assert other.errors == []


def test_the_evidence_chain_both_ways_and_the_learning_card_on_concluding(world, browsers, api):
    provider_api = api(email("provider"))
    base = f"/initiatives/{world.initiative}/cards"
    hold = provider_api("POST", base, {"kind": "observation", "text": "Hold music loops for ten minutes"}, expect=201)
    provider_api("POST", base, {"kind": "observation", "text": "Customers hang up and call again"}, expect=201)
    story = provider_api("POST", base, {"kind": "story", "title": "Waiting on hold", "evidence": [hold["id"]]}, expect=201)
    exp = provider_api("POST", base, {"kind": "experiment", "title": "Offer a call-back", "status": "proposed",
                                      "criterion": "We are right if repeat calls fall by a fifth."}, expect=201)
    kpi = api(email("buyer"))("POST", f"/initiatives/{world.initiative}/kpis", {"name": "Repeat calls"}, expect=201)
    measured = provider_api("POST", f"/kpis/{kpi['id']}/measurements", {"value": 88}, expect=201)
    for persona in ("buyer", "provider"):
        api(email(persona))("POST", f"/initiatives/{world.initiative}/kpis/agree", expect=200)
    provider_api("PATCH", f"/cards/{exp['id']}", {"version": 1, "status": "running"}, expect=200)

    wide = {"width": 1900, "height": 900}  # every column in view: no auto-scroll while dragging
    provider = open_board(browsers.page(email("provider"), viewport=wide), f"/i/{world.initiative}")
    provider.get_by_role("button", name="Close side panel").click()
    buyer = open_board(browsers.page(email("buyer")), f"/i/{world.initiative}")

    # the experiment's editor links the story it cites, like a story's editor links observations
    card(provider, "Offer a call-back").locator(".card-body").dblclick()
    provider.get_by_role("list", name="Stories to cite").get_by_role("checkbox", name="Waiting on hold").check()
    provider.get_by_role("button", name="Save").click()
    expect(card(provider, "Offer a call-back")).to_contain_text("Cites 1 story")
    expect(card(buyer, "Waiting on hold")).to_contain_text("Cited by 1 experiment")  # read backwards, live
    expect(card(buyer, "Hold music loops")).to_contain_text("Evidence for 1 story")
    assert provider_api("GET", f"/cards/{exp['id']}", expect=200)["evidence"] == [story["id"]]

    # hovering or focusing a card lights up its whole chain, both ways
    card(provider, "Hold music loops").hover()
    for text in ("Waiting on hold", "Offer a call-back"):
        expect(card(provider, text)).to_have_class(re.compile("highlighted"))
    expect(card(provider, "Customers hang up")).not_to_have_class(re.compile("highlighted"))
    provider.get_by_label("Add observation").focus()
    card(provider, "Offer a call-back").locator(".card-body").focus()
    expect(card(provider, "Hold music loops")).to_have_class(re.compile("highlighted"))
    expect(card(provider, "Waiting on hold")).to_have_class(re.compile("highlighted"))

    # the story's drawer: what it cites and what cites it; a linked card opens from there
    card(provider, "Waiting on hold").get_by_role("button", name=re.compile("^No comments: open Story")).click()
    chain = provider.get_by_role("dialog", name="Waiting on hold").get_by_role("region", name="Evidence chain")
    expect(chain.locator(".chain-group").first).to_contain_text("Hold music loops for ten minutes")
    expect(chain.locator(".chain-group").last).to_contain_text("Offer a call-back")
    chain.get_by_role("button", name="Open observation “Hold music loops for ten minutes”").hover()
    expect(card(provider, "Hold music loops")).to_have_class(re.compile("highlighted"))
    chain.get_by_role("button", name="Open experiment “Offer a call-back”").click()
    drawer = provider.get_by_role("dialog", name="Offer a call-back")
    expect(drawer.get_by_role("region", name="Evidence chain")).to_contain_text("Waiting on hold")
    provider.keyboard.press("Escape")

    # concluding without a learning asks for it instead of failing
    running = card(provider, "Offer a call-back")
    drag(provider, running.locator(".card-body"), provider.get_by_role("list", name="Experiments: Concluded", exact=True))
    dialog = provider.get_by_role("dialog", name="Record the learning to conclude")
    expect(dialog).to_contain_text("Right if Repeat calls fall by a fifth.")  # the criterion, to judge by
    dialog.get_by_role("button", name="Conclude experiment").click()
    expect(dialog).to_contain_text("Say what you learned.")
    expect(dialog).to_contain_text("Choose what happens next.")
    expect(provider.get_by_role("list", name="Experiments: Running", exact=True)).to_contain_text("Offer a call-back")
    dialog.get_by_label("Observed").fill("Repeat calls fell by 12%, not 20%.")
    dialog.get_by_label("Learned").fill("Call-backs help, but only when offered before the hold music starts.")
    dialog.get_by_role("radio", name=re.compile("^Pivot")).check()
    dialog.get_by_label("Measurement that decided it (optional)").select_option(index=1)  # the one measurement
    dialog.get_by_role("button", name="Conclude experiment").click()
    expect(dialog).to_have_count(0)
    for page in (provider, buyer):
        done = page.get_by_role("list", name="Experiments: Concluded", exact=True).locator("article", has_text="Offer a call-back")
        learning = done.get_by_role("group", name="Learning card")
        expect(learning).to_contain_text("Observed Repeat calls fell by 12%")
        expect(learning).to_contain_text("only when offered before the hold music")
        expect(learning).to_contain_text("Decision: pivot")
        expect(learning).to_contain_text("Decided by Repeat calls: 88")  # the measurement it cites
    stored = provider_api("GET", f"/cards/{exp['id']}", expect=200)
    assert stored["measurement_id"] == measured["id"]
    assert (stored["status"], stored["decision"], stored["observed"]) == ("concluded", "pivot", "Repeat calls fell by 12%, not 20%.")
    assert provider.errors == [] and buyer.errors == []


def test_personal_data_is_masked_with_a_notice_and_kept_only_when_asked(world, browsers, api):
    provider_api = api(email("provider"))
    provider = open_board(browsers.page(email("provider")), f"/i/{world.initiative}")
    buyer = open_board(browsers.page(email("buyer")), f"/i/{world.initiative}")

    box = provider.get_by_label("Add observation")
    box.fill("Amount 1250000 EUR agreed on case 20251104")
    expect(provider.locator(".pii-hint")).to_have_count(0)  # amounts and case ids are no phone numbers
    typed = "Customer jo.smith@example.com called from +44 7700 900123 #callback"
    box.fill(typed)
    expect(provider.locator(".pii-hint")).to_contain_text("Looks like an e-mail address and a phone number")  # before sending
    box.press("Enter")
    notice = provider.get_by_role("status", name="Personal data")
    expect(notice).to_contain_text("Masked an e-mail address and a phone number")
    expect(notice).to_contain_text("Stored as “Customer [email] called from [phone] #callback”")
    for page in (provider, buyer):
        expect(card(page, "Customer [email] called from [phone]")).to_be_visible()

    # "Keep as typed" is explicit, and reaches the other member live
    notice.get_by_role("button", name="Keep as typed").click()
    expect(notice).to_contain_text("Kept as typed.")
    for page in (provider, buyer):
        expect(card(page, "Customer jo.smith@example.com called from +44 7700 900123")).to_be_visible()
    kept = next(c for c in provider_api("GET", f"/initiatives/{world.initiative}/cards?kind=observation", expect=200))
    assert kept["text"] == typed and kept["pii_kept"] is True

    # not kept: masked it stays
    box.fill("Card 4111 1111 1111 1111 declined twice")
    box.press("Enter")
    expect(notice).to_contain_text("Masked a payment card number")
    notice.get_by_role("button", name="OK, keep it masked").click()
    expect(notice).to_have_count(0)
    expect(card(buyer, "Card [card number] declined twice")).to_be_visible()

    # the shadowing capture screen says the same, and keeps on request too (and masks again)
    session = provider_api("POST", f"/initiatives/{world.initiative}/shadowing-sessions",
                           {"host": "Marta Silva", "context": "Outbound queue"}, expect=201)
    provider.goto(f"/i/{world.initiative}/capture?session={session['id']}")
    capture = provider.get_by_label("Capture observation")
    capture.fill("Asks to be called back on 07712 938461")
    expect(provider.locator(".pii-hint")).to_contain_text("a phone number")
    capture.press("Enter")
    notice = provider.get_by_role("status", name="Personal data")
    expect(notice).to_contain_text("Masked a phone number")
    expect(provider.locator(".captured-item")).to_contain_text("Asks to be called back on [phone]")
    notice.get_by_role("button", name="Keep as typed").click()
    expect(provider.locator(".captured-item")).to_contain_text("Asks to be called back on 07712 938461")
    notice.get_by_role("button", name="Mask again").click()
    expect(provider.locator(".captured-item")).to_contain_text("Asks to be called back on [phone]")

    # the event log never held the unmasked text: only the cards kept hold it
    log = provider_api("GET", f"/initiatives/{world.initiative}/events", expect=200)
    texts = [e["data"].get("text") for e in log if e["type"].startswith("card.")]
    assert "Customer [email] called from [phone] #callback" in texts and "Card [card number] declined twice" in texts
    for secret in ("jo.smith@example.com", "7700 900123", "4111 1111 1111 1111", "938461"):
        assert secret not in str(log)
    assert provider.errors == [] and buyer.errors == []
