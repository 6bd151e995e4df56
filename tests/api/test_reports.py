"""Reports through HTTP: the cards as CSV, the sponsor report (HTML and PDF) and the quarterly review."""
from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone

from pypdf import PdfReader

from sqlalchemy import select

from board import db, uow
from board.models import Card, Event
from board.services.review import quarter_of
from tests.support.api import expect
from tests.support.kpis import text_of
from tests.support.scenarios import build, card, patch, post
from tests.support.services import needs_pango

XSS = '<script>alert("x")</script>'


# ---------------------------------------------------------------- CSV


def test_csv_has_one_row_per_live_card_with_its_fields_and_evidence(world):
    w, ini = world, world.initiative
    session = post(w.provider, f"/initiatives/{ini}/shadowing-sessions", {"host": "Ann"})
    tricky = card(w.provider, ini, kind="observation", text='He said "no", then: a, b;\nnew line — ünïcödé',
                  tags=["hand-off", "billing"], shadowing_session_id=session["id"])
    formula = card(w.provider, ini, kind="observation", text="=HYPERLINK(\"http://x\")")
    story = card(w.buyer, ini, kind="story", title="Retyping", persona="Ann", evidence=[tricky["id"], formula["id"]])
    exp = card(w.provider, ini, kind="experiment", title="Prefill", hypothesis="we believe", audience="staff")
    gone = card(w.provider, ini, kind="observation", text="deleted later")
    expect(w.provider.delete(f"/cards/{gone['id']}", {"version": 1}), 200)

    r = w.viewer.get(f"/initiatives/{ini}/export.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"] == 'attachment; filename="reduce-the-cost-of-the-collections-process-cards.csv"'
    assert r.headers["Cache-Control"] == "no-store"
    body = r.get_data(as_text=True)
    assert body.endswith("\r\n")
    header, *rows = list(csv.reader(io.StringIO(body)))
    assert header[:7] == ["id", "kind", "author", "side", "status", "title", "text"] and header[-1] == "evidence"
    for name in ("persona", "hypothesis", "criterion", "learned", "tags", "shadowing_session_id", "created_at"):
        assert name in header
    table = {row[0]: dict(zip(header, row)) for row in rows}
    assert set(table) == {tricky["id"], formula["id"], story["id"], exp["id"]}  # one row per live card
    t = table[tricky["id"]]
    assert t["text"] == 'He said "no", then: a, b;\nnew line — ünïcödé'  # quotes, commas and lines survive
    assert (t["kind"], t["author"], t["side"], t["tags"]) == ("observation", "Provider", "provider", "hand-off billing")
    assert t["shadowing_session_id"] == session["id"] and t["status"] == ""
    assert table[formula["id"]]["text"] == "'=HYPERLINK(\"http://x\")"  # never run by a spreadsheet
    s = table[story["id"]]
    assert (s["kind"], s["author"], s["side"], s["persona"]) == ("story", "Buyer", "buyer", "Ann")
    assert s["evidence"].split() == [tricky["id"], formula["id"]]
    e = table[exp["id"]]
    assert (e["status"], e["hypothesis"], e["audience"], e["version"]) == ("draft", "we believe", "staff", "1")


# ---------------------------------------------------------------- the sponsor report


def test_the_report_shows_kpis_power_ups_experiments_budgets_and_stories(world, app):
    w, made = world, build(world)
    r = w.viewer.get(f"/initiatives/{w.initiative}/report")
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert "script-src" not in r.headers["Content-Security-Policy"] and "default-src 'none'" in r.headers[
        "Content-Security-Policy"]
    html = r.get_data(as_text=True)
    text = text_of(html)
    assert "Reduce the cost of the collections process" in text
    # KPIs and agreement
    assert "Cost per case" in text and "12.5" in text and "Agreed by both sides" in text
    # power-ups with their facts, exactly as the power-ups endpoint has them
    meters = expect(w.viewer.get(f"/initiatives/{w.initiative}/power-ups"), 200)
    for meter in meters.values():
        assert f"Level {meter['level']} of 3" in text
        for fact in meter["facts"]:
            assert text_of(fact.replace("'", "&#39;")) in text
    # charts: inline SVG drawn on the server, bars for the budget; no history while it all happened today
    assert html.count("<svg") == 1 and "Budget approved vs spent (EUR)" in html and "Power-ups over time" not in html
    # experiments: budgets requested / approved / spent, pending; a published learning, an unpublished one held back
    assert "requested (open) €0.00 · approved €800.00 · rejected €0.00 · spent €250.00 · remaining €550.00" in text
    assert "requested (open) €99.50 · approved €0.00 · rejected €0.00 · spent €0.00 · remaining €0.00 · 1 pending" in text
    assert "Tranche 1: €800.00 approved of €1,000.00, learning not yet written" in text
    assert "Prefilled addresses cut handling by a third" in text
    assert "Nobody wants a callback" not in text and "learning is not published" in text
    exps = text[text.index("Experiments and budgets"):]
    assert exps.index("Prefill the address") < exps.index("Chat bot")  # concluded before drafts
    # the best stories: told first, then the most evidence
    stories = text[text.index("Customer stories"):]
    order = [stories.index(made["stories"][k]["title"]) for k in ("told", "rich", "plain")]
    assert order == sorted(order)
    assert "3 observations" in stories and "Agents retype the address (2)" in stories
    # printable
    assert "@media print" in html and "break-inside: avoid" in html
    # once the cards' history spans days, the report draws it: one line per power-up
    backdate_cards(app, w.initiative, days=10)
    html = w.viewer.get(f"/initiatives/{w.initiative}/report").get_data(as_text=True)
    assert html.count("<svg") == 2 and html.count("<polyline") == 3 and "Power-ups over time" in html


def backdate_cards(app, initiative: str, days: int):
    """Move the initiative's cards and their events ``days`` back (grants and budgets stay today)."""
    with app.app_context():
        back = timedelta(days=days)
        for event in db.session.scalars(select(Event).where(Event.initiative_id == initiative)):
            event.at -= back
        for card in db.session.scalars(select(Card).where(Card.initiative_id == initiative)):
            card.created_at -= back
        uow.commit()


def test_page_one_holds_the_ask_the_kpis_the_best_learning_and_the_recommendation(world):
    w, made = world, build(world)
    text = text_of(w.viewer.get(f"/initiatives/{w.initiative}/report").get_data(as_text=True))
    one = text[:text.index("Power-ups: the facts")]  # page one: what comes before the details
    assert "The ask €99.50 for “Chat bot”" in one
    assert "Recommended: Decide the €99.50 asked for “Chat bot”." in one
    assert "Cost per case" in one and "12.5" in one and "Agreed by both sides" in one
    assert "Best learning Prefill the address — decision: scale" in one
    assert "Prefilled addresses cut handling by a third" in one
    assert "Nobody wants a callback" not in one  # not published
    assert "Courage 1 of 3: Fincorp let CallCo shadow its staff and processes; next: a live &#39;customers&#39; grant" in one
    assert "Budget 2 of 3: sponsors fund experiments; next: a sponsor decides the pending request." in one
    assert "Story 3 of 3: a learning is published for decision makers." in one
    assert "(s)" not in text  # no machine-worded plurals anywhere

    # once the request is decided, nothing is asked, and the published learning says what to do
    req = expect(w.provider.get(f"/cards/{made['draft']['id']}/budget-requests"), 200)[0]
    post(w.sponsor, f"/budget-requests/{req['id']}/decision", {"approve": False, "comment": "not now"})
    text = text_of(w.viewer.get(f"/initiatives/{w.initiative}/report").get_data(as_text=True))
    assert "No request is waiting for a sponsor." in text
    assert "Recommended: Scale “Prefill the address”: its test met its criterion." in text


def test_only_the_five_best_stories_are_in_the_report(world):
    w, ini = world, world.initiative
    obs = card(w.provider, ini, kind="observation", text="seen")
    card(w.buyer, ini, kind="story", title="Story without evidence")
    for n in range(5):
        card(w.buyer, ini, kind="story", title=f"Evidenced story {n}", evidence=[obs["id"]])
    text = text_of(w.buyer.get(f"/initiatives/{ini}/report").get_data(as_text=True))
    assert all(f"Evidenced story {n}" in text for n in range(5)) and "Story without evidence" not in text


def test_user_text_is_escaped_in_the_report_and_the_review(world):
    w, ini = world, world.initiative
    expect(w.buyer.patch(f"/initiatives/{ini}", {"version": 1, "problem": XSS, "outcome": XSS}), 200)
    post(w.buyer, f"/initiatives/{ini}/kpis", {"name": XSS, "unit": XSS})
    obs = card(w.provider, ini, kind="observation", text=XSS)
    told = card(w.buyer, ini, kind="story", title=XSS, persona=XSS, struggle=XSS, evidence=[obs["id"]])
    patch(w.buyer, told, told=True)
    card(w.provider, ini, kind="experiment", title=XSS, hypothesis=XSS, criterion=XSS)
    for path in (f"/initiatives/{ini}/report", f"/engagements/{w.engagement}/review.html"):
        html = w.buyer.get(path).get_data(as_text=True)
        assert "<script" not in html, path
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html, path


def test_the_pdf_report_holds_the_same_content(world):
    needs_pango()
    w = world
    build(world)
    r = w.viewer.get(f"/initiatives/{w.initiative}/report.pdf")
    assert r.status_code == 200 and r.mimetype == "application/pdf"
    assert r.headers["Content-Disposition"] == 'inline; filename="reduce-the-cost-of-the-collections-process-report.pdf"'
    data = r.get_data()
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in ("Reduce the cost of the collections process", "Cost per case",
                     "Budget approved vs spent (EUR)", "Prefilled addresses cut handling by a third",
                     "Story told to the sponsor", "€800.00", "rejected €0.00", "Tranche 1: €99.50 awaiting a sponsor"):
        assert expected in text, expected
    assert "Nobody wants a callback" not in text
    assert reader.metadata.title == "Sponsor report — Reduce the cost of the collections process"


def test_the_pdf_is_tagged_pdf_ua_made_from_the_printable_page(world):
    needs_pango()
    w = world
    build(world)
    reader = PdfReader(io.BytesIO(w.viewer.get(f"/initiatives/{w.initiative}/report.pdf").get_data()))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # what `pdfinfo` reports as "Tagged: yes"
    tags = set()

    def walk(node):
        node = node.get_object()
        if "/S" in node:
            tags.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
            if hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/Figure", "/L"} <= tags, tags  # headings, KPI table, charts, lists
    assert root["/Lang"] == "en"
    assert "pdfuaid" in reader.xmp_metadata.rdf_root.toxml()  # declares PDF/UA-1
    first = " ".join(reader.pages[0].extract_text().split())
    assert f"page 1 of {len(reader.pages)}" in first  # the print stylesheet's page footer
    # page one is the executive's: the ask, the KPIs with their current values, the recommendation, the learning
    for expected in ("The ask €99.50 for “Chat bot”", "Recommended: Decide the €99.50", "Current",
                     "Best learning Prefill the address", "Courage 1 of 3"):
        assert expected in first, expected
    assert "Power-ups: the facts" not in first
    assert reader.metadata.author == "CallCo"


def test_the_report_quotes_observations_with_personal_data_masked(world):
    w, ini = world, world.initiative
    kept = card(w.provider, ini, kind="observation", text="Mail jane.doe@example.com about it", keep_pii=True)
    assert kept["text"] == "Mail jane.doe@example.com about it"  # kept on the board, for members
    card(w.buyer, ini, kind="story", title="Mail", evidence=[kept["id"]])
    html = w.buyer.get(f"/initiatives/{ini}/report").get_data(as_text=True)
    assert "Mail [email] about it" in html and "jane.doe" not in html


def test_reports_are_for_members_only(world, anonymous):
    w = world
    paths = [f"/initiatives/{w.initiative}/{p}" for p in ("export.csv", "report", "report.pdf")] + [
        f"/engagements/{w.engagement}/{p}" for p in ("review", "review.html")]
    for path in paths:
        assert w.viewer.get(path).status_code == 200, path
        missing = w.outsider.get(path)
        assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found", path
        assert anonymous.get(path).status_code == 401, path


# ---------------------------------------------------------------- the quarterly review


TOTALS = {"currency": "EUR", "requested": 99.5, "approved": 800.0, "rejected": 0.0, "spent": 250.0, "remaining": 550.0}


def test_the_review_of_the_current_quarter(world):
    w, made = world, build(world)
    second = post(w.buyer, f"/engagements/{w.engagement}/initiatives", {"title": "Shorter calls"})
    review = expect(w.viewer.get(f"/engagements/{w.engagement}/review"), 200)
    now = datetime.now(timezone.utc)
    assert review["quarter"] == quarter_of(now)
    assert review["engagement"] == {"id": w.engagement, "name": "Collections", "buyer_name": "Fincorp",
                                    "provider_name": "CallCo"}
    assert review["starts_at"] <= now.isoformat() < review["ends_at"]
    first, other = review["initiatives"]
    assert (first["id"], first["status"], other["id"]) == (w.initiative, "framing", second["id"])
    assert first["budget"] == {
        "pending": 1,
        "quarter": [TOTALS],
        "to_date": [TOTALS],
    }
    assert [e["id"] for e in first["experiments_started"]] == [made["published"]["id"], made["quiet"]["id"]]
    concluded = {e["id"]: e for e in first["experiments_concluded"]}
    assert set(concluded) == {made["published"]["id"], made["quiet"]["id"]}
    assert concluded[made["quiet"]["id"]]["learned"] == "Nobody wants a callback"
    assert concluded[made["quiet"]["id"]]["decision"] == "scale"
    assert [s["id"] for s in first["stories_told"]] == [made["stories"]["told"]["id"]]
    assert other["experiments_started"] == other["stories_told"] == [] and other["budget"]["quarter"] == []
    # the power-ups are those of the power-ups endpoint: levels and facts, from the replayed history
    assert first["power_ups"] == expect(w.viewer.get(f"/initiatives/{w.initiative}/power-ups"), 200)
    assert first["power_ups"]["budget"]["level"] == 2 and first["power_ups"]["story"]["level"] == 3
    html = text_of(w.viewer.get(f"/engagements/{w.engagement}/review.html").get_data(as_text=True))
    for expected in (f"Quarterly review {review['quarter']}", "Shorter calls", "Prefill the address",
                     "Story told to the sponsor", "Nobody wants a callback", "€99.50 / €800.00 / €0.00 / €250.00 / €550.00"):
        assert expected in html, expected


def test_the_review_of_other_quarters(world):
    w = world
    build(world)
    now = datetime.now(timezone.utc)
    past = expect(w.buyer.get(f"/engagements/{w.engagement}/review?quarter=2020-Q1"), 200)
    assert (past["quarter"], past["starts_at"], past["ends_at"]) == (
        "2020-Q1", "2020-01-01T00:00:00+00:00", "2020-04-01T00:00:00+00:00")
    assert past["initiatives"] == []  # none existed yet
    future = expect(w.buyer.get(f"/engagements/{w.engagement}/review?quarter={now.year + 1}-Q{(now.month - 1) // 3 + 1}"),
                    200)
    [ini] = future["initiatives"]
    assert ini["experiments_started"] == ini["experiments_concluded"] == ini["stories_told"] == []
    assert ini["budget"]["quarter"] == [] and ini["budget"]["pending"] == 1
    assert ini["budget"]["to_date"][0]["approved"] == 800.0
    for bad in ("2026-Q5", "Q4-2026", "2026", "x" * 40):
        err = expect(w.buyer.get(f"/engagements/{w.engagement}/review", query_string={"quarter": bad}), 422)
        assert "quarter" in err["error"]["fields"]
