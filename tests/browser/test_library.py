"""The learning library, search, reports and the quarterly review in Chromium against a real server.

The library's promise is proven from the other engagement's side: after a buyer approves, a member of the
provider's other engagement finds the learning, starts a draft from it — and no other byte of the source
engagement reaches their browser (every API answer they receive is checked)."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.api import expect as ok
from tests.support.browser import screenshot
from tests.support.scenarios import concluded_experiment

XSS = '<img src=x onerror="window.__xss=1">'


def email(persona: str) -> str:
    return f"{persona}@example.com"


def live(page):
    expect(page.get_by_role("status", name="Connection: Live")).to_be_visible()
    return page


def test_a_learning_travels_only_after_approval_and_nothing_else_of_its_engagement_does(world, browsers):
    w = world
    ok(w.provider.post(f"/initiatives/{w.initiative}/cards",
                       {"kind": "observation", "text": "Maria retypes every address at the quokka desk"}), 201)
    exp = concluded_experiment(w, w.initiative, w.buyer, w.provider)  # learned/observed name Fincorp, Maria, desk 3
    ok(w.buyer.post(f"/cards/{exp['id']}/comments", {"text": "Maria said so on the walrus call"}), 201)

    buyer = browsers.page(email("buyer"))
    buyer.goto(f"/e/{w.engagement}/library")
    expect(buyer.get_by_role("heading", name="Learning library")).to_be_visible()
    expect(buyer.get_by_role("region", name="Who sees what")).to_contain_text("Only title, hypothesis, learning")
    expect(buyer.get_by_role("heading", name=re.compile("Waiting for a buyer's decision"))).to_have_count(0)

    # the provider proposes from the concluded experiment's card on the board, editing the buyer out
    provider = browsers.page(email("provider"))
    provider.goto(f"/i/{w.initiative}")
    live(provider)
    card = provider.locator(f'article.card[data-card-id="{exp["id"]}"]')
    card.hover()
    card.get_by_role("button", name=re.compile("for the library$")).click()
    dialog = provider.get_by_role("dialog", name="Propose for the learning library")
    expect(dialog.get_by_label("Title")).to_have_value("Pre-filled address")
    learning = dialog.get_by_label("Learning")
    expect(learning).to_have_value("Fincorp agents saved 38 s at Fincorp's desk 3")  # prefilled from the card
    expect(dialog.get_by_role("complementary", name="What stays in this engagement")).to_contain_text("Agent Maria Lopez")
    expect(dialog.get_by_role("status")).to_contain_text("“Fincorp”")  # a warning: the buyer's name
    learning.fill("Pre-filling the address saves agents about 40 s per call")
    dialog.get_by_label("Tags").fill("collections, #prefill")
    expect(dialog.get_by_role("status")).to_have_count(0)
    dialog.get_by_role("button", name="Propose to the buyer").click()
    expect(provider.get_by_role("status").filter(has_text="A buyer member of Fincorp decides")).to_be_visible()
    expect(dialog).to_have_count(0)

    # the buyer's open library screen shows it live, with a preview of exactly what travels
    decide = buyer.locator(".decide-item")
    expect(decide).to_have_count(1)
    preview = decide.locator(".entry")
    expect(preview).to_contain_text("Pre-filling the address saves agents about 40 s per call")
    expect(preview.locator(".tag")).to_have_text(["#collections", "#prefill"])
    expect(preview).not_to_contain_text("Maria")
    decide.get_by_role("button", name="Decline").click()
    expect(decide.get_by_role("alert")).to_contain_text("Say why")
    decide.get_by_role("button", name="Approve for the library").click()
    expect(buyer.locator(".decide-item")).to_have_count(0)
    expect(buyer.get_by_role("list", name="This engagement's proposals")).to_contain_text("In the library")
    expect(buyer.get_by_role("list", name="Learnings").locator(".entry")).to_have_count(1)

    # proposing it again from the board says where it is
    card.hover()
    card.get_by_role("button", name=re.compile("for the library$")).click()
    expect(dialog).to_contain_text("is in the library already, approved by Buyer")
    provider.keyboard.press("Escape")
    expect(dialog).to_have_count(0)

    # the other engagement's buyer: every API answer their browser gets is checked for the source's data
    outsider = browsers.page(email("outsider"))
    answers: list[str] = []
    outsider.on("response", lambda r: answers.append(r.text()) if "/api/v1/" in r.url and r.ok else None)
    outsider.goto(f"/e/{w.other_engagement}/library")
    outsider.get_by_label("Search the learning library").fill("prefill address")
    entries = outsider.get_by_role("list", name="Learnings").locator(".entry")
    expect(entries).to_have_count(1)
    entry = entries.first
    expect(entry.locator(".entry-title")).to_have_text("Pre-filled address")
    expect(entry).to_contain_text("Pre-filling saves 40 s per call")  # the hypothesis
    expect(entry).to_contain_text("Pre-filling the address saves agents about 40 s per call")
    expect(entry).to_contain_text("scale")
    outsider.get_by_label("Search the learning library").fill("walrus")
    expect(outsider.get_by_role("heading", name="No learning matches “walrus”")).to_be_visible()
    expect(outsider.get_by_role("list", name="This engagement's proposals").locator("li")).to_have_count(0)

    # the top bar's search finds the learning, and none of the source's cards or comments
    search = outsider.get_by_role("combobox", name=re.compile("Search cards, comments and learnings"))
    for word in ("quokka", "walrus", "Maria"):
        search.fill(word)
        expect(outsider.locator(".search-panel")).to_contain_text(f"Nothing matches “{word}”")
    search.fill("prefill")
    expect(outsider.locator(".search-result")).to_have_count(1)
    expect(outsider.locator(".search-result")).to_have_attribute("data-type", "library")
    search.press("Enter")
    expect(outsider).to_have_url(re.compile(rf"/e/{w.other_engagement}/library\?entry="))
    expect(outsider.locator(".entry.highlighted")).to_have_count(1)

    # start a draft experiment from it, on the reader's own board
    outsider.locator(".entry.highlighted").get_by_role("button", name="Start an experiment from this").click()
    reuse = outsider.get_by_role("dialog", name="Start an experiment from this learning")
    expect(reuse.get_by_role("radio", name=re.compile("Faster claims"))).to_be_checked()
    reuse.get_by_role("button", name="Start draft experiment").click()
    expect(outsider).to_have_url(re.compile(rf"/i/{w.other_initiative}\?card="))
    live(outsider)
    draft = outsider.get_by_role("list", name="Experiments: Draft", exact=True).locator("article.card")
    expect(draft).to_have_count(1)
    expect(draft).to_contain_text("Pre-filled address")

    leaked = "\n".join(answers)
    assert "Pre-filling the address saves agents" in leaked  # the answers were seen: the shared fields are there
    for secret in ("Maria", "quokka", "walrus", "Fincorp", "desk 3", w.engagement, w.initiative, exp["id"]):
        assert secret not in leaked, secret
    for p in (buyer, provider, outsider):
        assert p.errors == []


def test_search_box_reports_menu_and_quarterly_review(world, browsers):
    w = world
    found = ok(w.provider.post(f"/initiatives/{w.initiative}/cards", {
        "kind": "observation", "text": "Customers abandon the callback queue after four minutes #callbacks"}), 201)
    ok(w.buyer.post(f"/initiatives/{w.initiative}/cards", {"kind": "observation", "text": f"zanzibar {XSS}"}), 201)
    page = browsers.page(email("buyer"))
    page.goto(f"/e/{w.engagement}")
    expect(page.get_by_role("heading", name="Initiatives")).to_be_visible()

    # `/` focuses the search; results are grouped and highlighted; arrows and Enter open the card on its board
    search = page.get_by_role("combobox", name=re.compile("Search cards, comments and learnings"))
    expect(search).to_be_visible()  # the box shows once the engagement has loaded, after the heading
    page.keyboard.press("/")
    expect(search).to_be_focused()
    search.press_sequentially("abandon")
    result = page.locator(".search-result", has_text="callback queue")
    expect(result.locator("mark")).to_have_text("abandon")
    expect(page.locator(".search-group-head")).to_have_text(["Cards"])
    expect(result).to_have_attribute("aria-selected", "true")
    search.press("Enter")
    expect(page).to_have_url(re.compile(rf"/i/{w.initiative}\?card={found['id']}$"))
    live(page)
    page.keyboard.press("Control+k")
    expect(search).to_be_focused()
    search.fill("zanzibar")  # typed markup comes back as text: the server escaped it, only <mark> is HTML
    snippet = page.locator(".search-result .result-snippet")
    expect(snippet).to_contain_text("<img src=x")
    expect(page.locator(".search-result img")).to_have_count(0)
    search.press("Escape")
    expect(page.locator(".search-panel")).to_have_count(0)

    # the Reports menu of the board: keyboard-operable, each link answers with its document
    menu_button = page.get_by_role("button", name=re.compile("Reports and exports"))
    menu_button.focus()
    menu_button.press("ArrowDown")
    menu = page.get_by_role("menu", name="Reports and exports")
    items = menu.get_by_role("menuitem")
    expect(items.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(items.nth(1)).to_be_focused()
    expect(items.first).to_have_attribute("target", "_blank")
    types = {"report": "text/html", "pdf": "application/pdf", "json": "application/json", "csv": "text/csv"}
    for key, content_type in types.items():
        href = menu.locator(f'[data-report="{key}"]').get_attribute("href")
        answer = page.request.get(href)
        assert answer.status == 200 and answer.headers["content-type"].startswith(content_type), (key, answer.status)
        if key == "json":
            assert answer.json()["initiative"]["id"] == w.initiative
        if key == "csv":
            assert "callback queue" in answer.text()
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(menu_button).to_be_focused()

    # the quarterly review: every initiative; previous quarter (before it existed) and back; a bad quarter
    page.get_by_role("link", name="Review").click()
    quarter = page.get_by_test_id("quarter")
    now = quarter.text_content()
    assert re.fullmatch(r"\d{4}-Q[1-4]", now)
    expect(page.locator(".review-item h2")).to_have_text(["Reduce the cost of the collections process"])
    expect(page.locator(".review-item")).not_to_contain_text("Faster claims")  # another engagement's
    printable = page.get_by_role("link", name="Printable page")
    answer = page.request.get(printable.get_attribute("href"))
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/html")
    page.get_by_role("button", name=re.compile("Previous quarter")).click()
    expect(quarter).not_to_have_text(now)
    expect(page).to_have_url(re.compile(r"/review\?quarter=\d{4}-Q[1-4]$"))
    expect(page.get_by_role("heading", name=re.compile("No initiative yet in"))).to_be_visible()
    page.get_by_role("button", name=re.compile("Next quarter")).click()
    expect(quarter).to_have_text(now)
    expect(page.locator(".review-item")).to_have_count(1)
    page.goto(f"/e/{w.engagement}/review?quarter=2026-Q9")
    expect(page.get_by_role("alert")).to_contain_text("A quarter like 2026-Q4")
    page.get_by_role("button", name="Show this quarter").click()
    expect(page.locator(".review-item")).to_have_count(1)
    assert page.evaluate("window.__xss") is None
    assert page.errors == []


def test_screens_on_the_demo(demo, browsers):  # noqa: F811
    """Screenshots of the library, search, review and the sponsor report, on the demo data."""
    pw = demo["password"]
    buyer = browsers.page(demo["buyer"], pw)
    buyer.goto("/")
    initiative = buyer.get_by_role("link", name=demo["initiative_title"]).get_attribute("href").split("/")[-1]
    engagement = buyer.url.rstrip("/").split("/")[-1]

    buyer.get_by_role("link", name="Library").click()
    expect(buyer.locator(".decide-item")).to_have_count(1)  # the demo's pending proposal
    expect(buyer.get_by_role("list", name="Learnings").locator(".entry")).to_have_count(1)
    screenshot(buyer, "library")

    buyer.get_by_role("link", name="Review").click()
    expect(buyer.locator(".review-item")).to_have_count(1)
    expect(buyer.locator(".review-item").get_by_test_id("meter-story")).to_have_attribute("data-level", "3")
    screenshot(buyer, "review")

    buyer.keyboard.press("/")
    buyer.keyboard.type("payday")
    expect(buyer.locator(".search-group-head").last).to_have_text("Learning library")
    screenshot(buyer, "search")

    buyer.goto(f"/api/v1/initiatives/{initiative}/report")
    expect(buyer.locator("body")).to_contain_text(demo["initiative_title"])
    powerups = buyer.get_by_role("heading", name="Power-ups", exact=True)
    powerups.evaluate("h => h.scrollIntoView()")  # the power-ups, their facts and the chart of levels over time
    expect(buyer.locator("svg").first).to_be_visible()
    screenshot(buyer, "sponsor-report")
    assert engagement and buyer.errors == []
