"""Money that adds up (issue 16), through HTTP: a rejected request is rejected everywhere and requested
nowhere — the money endpoint, the sponsor report (HTML and PDF), the quarterly review (JSON and HTML),
the CSV and the JSON export all show ``services.money``'s numbers. Metered funding: tranches, each
opened by the learning of the one before. A decided request leaves no sponsor 'awaiting' it."""
import csv
import io
import re

from pypdf import PdfReader

from tests.support.api import expect, log


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def experiment(world, title="Coaching"):
    return expect(world.provider.post(f"/initiatives/{world.initiative}/cards",
                                      {"kind": "experiment", "title": title}), 201)


def ask(world, card, amount, **extra):
    return world.provider.post(f"/cards/{card['id']}/budget-requests",
                               {"amount": amount, "currency": "GBP", "purpose": "Training", **extra})


def decide(world, req, approve=True, sponsor=None, **body):
    body = {"approve": approve, **({} if approve else {"comment": "Too broad"}), **body}
    return expect((sponsor or world.sponsor).post(f"/budget-requests/{req['id']}/decision", body), 201)


def demo_like(world):
    """The demo's case: £12,000 rejected, then £8,000 asked (open), beside £6,000 approved with £2,400 spent."""
    coaching, pilot = experiment(world), experiment(world, "Payday pilot")
    decide(world, expect(ask(world, coaching, 12000), 201), approve=False)
    expect(ask(world, coaching, 8000), 201)
    decide(world, expect(ask(world, pilot, 6000), 201))
    expect(world.provider.post(f"/cards/{pilot['id']}/spend", {"amount": 2400, "note": "agents"}), 201)
    return coaching, pilot


GBP = {"currency": "GBP", "requested": 8000.0, "approved": 6000.0, "rejected": 12000.0, "spent": 2400.0,
       "remaining": 3600.0}


def test_the_money_endpoint_counts_each_request_once(world):
    coaching, pilot = demo_like(world)
    m = expect(world.viewer.get(f"/initiatives/{world.initiative}/money"), 200)
    assert m["totals"] == [{**GBP, "pending": 1}]
    per = {e["card_id"]: e["totals"] for e in m["experiments"]}
    assert per[coaching["id"]] == [{"currency": "GBP", "requested": 8000.0, "approved": 0.0, "rejected": 12000.0,
                                    "spent": 0.0, "remaining": 0.0, "pending": 1}]
    assert per[pilot["id"]] == [{"currency": "GBP", "requested": 0.0, "approved": 6000.0, "rejected": 0.0,
                                 "spent": 2400.0, "remaining": 3600.0, "pending": 0}]
    assert m["shadowing"] == []
    expect(world.outsider.get(f"/initiatives/{world.initiative}/money"), 404)


def test_the_report_and_the_pdf_show_the_rejected_request_as_rejected(world):
    demo_like(world)
    text = text_of(world.viewer.get(f"/initiatives/{world.initiative}/report").get_data(as_text=True))
    assert ("requested (open) £8,000.00 · approved £0.00 · rejected £12,000.00 · spent £0.00 · remaining £0.00"
            " · 1 pending") in text
    assert "requested (open) £0.00 · approved £6,000.00 · rejected £0.00 · spent £2,400.00 · remaining £3,600.00" in text
    assert "requested 20,000" not in text and "£20,000" not in text
    assert "Tranche 1: £12,000.00 rejected · Tranche 1: £8,000.00 awaiting a sponsor" in text
    pdf = world.viewer.get(f"/initiatives/{world.initiative}/report.pdf").get_data()
    pages = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "rejected £12,000.00" in pages and "£20,000" not in pages


def test_the_review_shows_the_rejected_request_as_rejected(world):
    demo_like(world)
    review = expect(world.viewer.get(f"/engagements/{world.engagement}/review"), 200)
    budget = review["initiatives"][0]["budget"]
    assert budget == {"pending": 1, "quarter": [GBP], "to_date": [GBP]}
    text = text_of(world.viewer.get(f"/engagements/{world.engagement}/review.html").get_data(as_text=True))
    assert "£8,000.00 / £6,000.00 / £12,000.00 / £2,400.00 / £3,600.00" in text and "£26,000" not in text


def test_the_csv_and_the_json_export_carry_the_same_numbers(world):
    coaching, pilot = demo_like(world)
    rows = list(csv.DictReader(io.StringIO(world.viewer.get(f"/initiatives/{world.initiative}/export.csv")
                                           .get_data(as_text=True))))
    by_id = {r["id"]: r for r in rows}
    c = by_id[coaching["id"]]
    assert (c["budget_currency"], c["budget_requested_open"], c["budget_approved"], c["budget_rejected"],
            c["budget_spent"], c["budget_remaining"]) == ("GBP", "8000.00", "0.00", "12000.00", "0.00", "0.00")
    assert by_id[pilot["id"]]["budget_remaining"] == "3600.00"
    doc = expect(world.viewer.get(f"/initiatives/{world.initiative}/export.json"), 200)
    assert doc["money"]["totals"] == [{"currency": "GBP", "requested_cents": 800000, "approved_cents": 600000,
                                       "rejected_cents": 1200000, "spent_cents": 240000, "remaining_cents": 360000,
                                       "pending": 1}]
    assert doc["money"]["experiments"][coaching["id"]][0]["rejected_cents"] == 1200000
    assert doc["money"]["experiments"][coaching["id"]][0]["requested_cents"] == 800000


# ---------------------------------------------------------------- metered funding


def test_the_next_tranche_waits_for_the_last_ones_learning(world):
    card = experiment(world)
    first = expect(ask(world, card, 3500), 201)
    assert first["tranche"] == 1 and first["learned"] is None
    before = log(world)
    err = expect(ask(world, card, 1500, tranche=2), 422)["error"]
    assert err["fields"]["tranche"] == ["Tranche 2 can be requested once tranche 1 is approved and its learning card "
                                        "is written (metered funding: each tranche is funded on what the last one taught)."]
    assert log(world) == before  # nothing changed
    # learning is written on a funded tranche only
    assert expect(world.provider.post(f"/budget-requests/{first['id']}/learning", {"learned": "x"}), 409)
    decide(world, first)
    err = expect(ask(world, card, 1500, tranche=2), 422)["error"]
    assert err["fields"]["tranche"][0].startswith("Tranche 2 can be requested once tranche 1's learning card is written")
    more = expect(ask(world, card, 500), 201)  # more for the running tranche: still tranche 1
    assert more["tranche"] == 1
    expect(world.provider.post(f"/budget-requests/{first['id']}/learning", {"learned": "  "}), 422)
    expect(world.outsider.post(f"/budget-requests/{first['id']}/learning", {"learned": "x"}), 404)
    learned = expect(world.provider.post(f"/budget-requests/{first['id']}/learning",
                                         {"learned": "One team halved broken promises"}), 200)
    assert learned["learned"] == "One team halved broken promises" and learned["learned_by"]["name"] == "Provider"
    assert log(world)[-1]["type"] == "budget.learning"
    second = expect(ask(world, card, 1500), 201)  # the next one, by default
    assert second["tranche"] == 2
    err = expect(ask(world, card, 1, tranche=3), 422)["error"]
    assert "Tranche 3 can be requested once tranche 2 is approved" in err["fields"]["tranche"][0]
    for bad in (0, -1, "two"):
        assert "tranche" in expect(ask(world, card, 1, tranche=bad), 422)["error"]["fields"]
    text = text_of(world.viewer.get(f"/initiatives/{world.initiative}/report").get_data(as_text=True))
    assert ("Tranche 1: £3,500.00 approved, learning written · Tranche 1: £500.00 awaiting a sponsor · "
            "Tranche 2: £1,500.00 awaiting a sponsor") in text


def test_shadowing_budget_has_no_tranches(world):
    path = f"/initiatives/{world.initiative}/budget-requests"
    body = {"amount": 10, "currency": "GBP"}
    assert expect(world.provider.post(path, body), 201)["tranche"] is None
    assert "tranche" in expect(world.provider.post(path, {**body, "tranche": 1}), 422)["error"]["fields"]


# ---------------------------------------------------------------- notifications that resolve themselves


def awaiting(client, req):
    return [n for n in expect(client.get("/notifications"), 200) if n["kind"] == "budget_pending"
            and n["request_id"] == req["id"]]


def test_a_decision_by_one_sponsor_leaves_no_sponsor_awaiting_it(world):
    req = expect(ask(world, experiment(world), 100), 201)
    for sponsor in (world.sponsor, world.sponsor2):
        [n] = awaiting(sponsor, req)
        assert (n["read"], n["done"]) == (False, False)
    other = expect(ask(world, experiment(world, "Other"), 5), 201)  # undecided: stays awaiting
    decide(world, req, approve=False, sponsor=world.sponsor2)
    for sponsor in (world.sponsor, world.sponsor2):
        [n] = awaiting(sponsor, req)
        assert (n["read"], n["done"]) == (True, True)
        unread = expect(sponsor.get("/notifications?unread=true"), 200)
        assert [n["request_id"] for n in unread if n["kind"] == "budget_pending"] == [other["id"]]
