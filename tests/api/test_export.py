"""Export of an initiative as JSON (``GET /initiatives/{id}/export.json``) and its import.

The round trip export → import → export must lose nothing: once ids are canonicalised (each id
replaced by its order of first appearance), the two documents are equal.
"""
from __future__ import annotations

import copy

import pytest
from sqlalchemy import func, select

from board import uow
from board.db import session
from board.errors import BoardError
from board.models import (
    AccessGrant, BudgetRequest, Card, CardLink, Cluster, Comment, Decision, Event, Initiative, Kpi,
    KpiAgreement, KpiMeasurement, ShadowingSession, Spend, User,
)
from board.services import exchange
from tests.support.api import expect
from tests.support.exchange import canonical, counts, document_ids

def ok(response) -> dict:
    """A setup step that must succeed (its exact status is tested elsewhere)."""
    assert response.status_code < 300, f"{response.status_code}: {response.get_data(as_text=True)[:800]}"
    return response.get_json()


def build_board(world, app) -> dict:
    """A board with a bit of everything: KPIs agreed, grants (one revoked), shadowing, a cluster, every kind of
    card (one deleted), evidence, comments, budgets (approved lower, rejected, pending, shadowing) and spend."""
    ini = world.initiative
    kpi = ok(world.buyer.post(f"/initiatives/{ini}/kpis", {"name": "Cost per account", "unit": "EUR",
                                                         "baseline": 18.4, "target": 14}))
    ok(world.buyer.post(f"/initiatives/{ini}/kpis/agree"))
    ok(world.provider.post(f"/initiatives/{ini}/kpis/agree"))
    process = ok(world.buyer.post(f"/initiatives/{ini}/access-grants", {"scope": "process"}))
    ok(world.buyer.post(f"/access-grants/{process['id']}/revoke"))
    ok(world.buyer.post(f"/initiatives/{ini}/access-grants",
                       {"scope": "customers", "expires_at": "2999-01-01T00:00:00+00:00"}))
    sess = ok(world.provider.post(f"/initiatives/{ini}/shadowing-sessions", {
        "host": "Marta, collections agent", "context": "Leeds", "duration_minutes": 90, "customer_contact": True}))
    with app.app_context():
        cluster = Cluster(engagement_id=world.engagement, initiative_id=ini, label="Dialler")
        session.add(cluster)
        uow.commit()
        cluster_id = cluster.id
    obs = ok(world.provider.post(f"/initiatives/{ini}/cards", {
        "kind": "observation", "text": "Called three times a day #dialler", "tags": ["dialler"],
        "observation_kind": "pain_point", "shadowing_session_id": sess["id"]}))
    obs = ok(world.buyer.patch(f"/cards/{obs['id']}", {"version": obs["version"], "cluster_id": cluster_id}))
    quote = ok(world.provider.post(f"/initiatives/{ini}/cards", {
        "kind": "observation", "text": "“I get paid on the 28th.”", "observation_kind": "quote"}))
    gone = ok(world.buyer.post(f"/initiatives/{ini}/cards", {"kind": "observation", "text": "duplicate"}))
    ok(world.buyer.delete(f"/cards/{gone['id']}", {"version": gone["version"]}))
    story = ok(world.buyer.post(f"/initiatives/{ini}/cards", {
        "kind": "story", "title": "Paying on payday", "persona": "Customer", "evidence": [obs["id"], quote["id"]]}))
    ok(world.buyer.patch(f"/cards/{story['id']}", {"version": story["version"], "told": True}))
    exp = ok(world.provider.post(f"/initiatives/{ini}/cards", {
        "kind": "experiment", "title": "Payday due dates", "hypothesis": "We believe…", "audience": "customers"}))
    ok(world.provider.post(f"/cards/{exp['id']}/comments", {"text": "Let's try it with one team"}))
    ok(world.sponsor.post(f"/cards/{story['id']}/comments", {"text": "Bring this to the steering committee"}))
    asked = ok(world.provider.post(f"/cards/{exp['id']}/budget-requests",
                                   {"amount": 5000, "currency": "EUR", "purpose": "pilot"}))
    ok(world.sponsor.post(f"/budget-requests/{asked['id']}/decision",
                          {"approve": True, "amount": 3500, "comment": "one team first"}))
    no = ok(world.provider.post(f"/cards/{exp['id']}/budget-requests", {"amount": 9000, "currency": "EUR"}))
    ok(world.sponsor2.post(f"/budget-requests/{no['id']}/decision", {"approve": False, "comment": "too much"}))
    ok(world.provider.post(f"/cards/{exp['id']}/budget-requests", {"amount": 100.5, "currency": "EUR"}))
    shadow = ok(world.provider.post(f"/initiatives/{ini}/budget-requests", {"amount": 800, "currency": "EUR"}))
    ok(world.sponsor.post(f"/budget-requests/{shadow['id']}/decision", {"approve": True}))
    ok(world.buyer.post(f"/initiatives/{ini}/spend", {"amount": 250.25, "note": "day one"}))
    ok(world.buyer.patch(f"/cards/{exp['id']}", {"version": exp["version"], "status": "proposed"}))
    card = ok(world.provider.get(f"/cards/{exp['id']}"))
    ok(world.provider.patch(f"/cards/{exp['id']}", {"version": card["version"], "status": "running"}))
    ok(world.buyer.post(f"/cards/{exp['id']}/spend", {"amount": 1200, "note": "SMS gateway"}))
    measured = ok(world.provider.post(f"/kpis/{kpi['id']}/measurements", {
        "value": 16.2, "note": "week one", "experiment_id": exp["id"]}))
    card = ok(world.provider.get(f"/cards/{exp['id']}"))
    ok(world.provider.patch(f"/cards/{exp['id']}", {"version": card["version"], "measurement_id": measured["id"]}))
    ok(world.buyer.patch(f"/kpis/{kpi['id']}", {"version": kpi["version"], "target": 13.5}))
    return {"kpi": kpi, "story": story, "experiment": exp, "deleted": gone, "cluster": cluster_id}


def test_a_member_exports_everything_of_the_initiative(world, app):
    made = build_board(world, app)
    doc = expect(world.viewer.get(f"/initiatives/{world.initiative}/export.json"), 200)
    assert doc["format"] == exchange.FORMAT and doc["version"] == exchange.VERSION
    assert doc["initiative"]["id"] == world.initiative
    assert doc["initiative"]["title"] == "Reduce the cost of the collections process"
    # people by email and name
    assert {"email": "buyer@example.com", "name": "Buyer"} == doc["initiative"]["created_by"]
    assert {p["email"] for p in doc["people"]} >= {"buyer@example.com", "provider@example.com", "sponsor@example.com",
                                                   "sponsor2@example.com"}
    assert "password_hash" not in str(doc)
    cards = {c["id"]: c for c in doc["cards"]}
    assert cards[made["deleted"]["id"]]["deleted_at"] is not None
    assert cards[made["story"]["id"]]["told"] is True and cards[made["story"]["id"]]["author"]["email"] == "buyer@example.com"
    assert cards[made["experiment"]["id"]]["status"] == "running"
    assert [c["cluster_id"] for c in doc["cards"] if c["cluster_id"]] == [made["cluster"]]
    assert [c["label"] for c in doc["clusters"]] == ["Dialler"]
    assert {link["from_card_id"] for link in doc["card_links"]} == {made["story"]["id"]}
    assert len(doc["card_links"]) == 2 and len(doc["comments"]) == 2
    assert [g["revoked_by"] for g in doc["access_grants"]] == [{"email": "buyer@example.com", "name": "Buyer"}, None]
    assert doc["kpis"][0]["version"] == 2 and doc["kpi_agreements"] == []  # the edit withdrew both agreements
    [m] = doc["kpi_measurements"]
    assert (m["value"], m["note"], m["kpi_id"], m["experiment_id"]) == (16.2, "week one", made["kpi"]["id"],
                                                                         made["experiment"]["id"])
    assert m["created_by"] == {"email": "provider@example.com", "name": "Provider"}
    assert cards[made["experiment"]["id"]]["measurement_id"] == m["id"]
    def status(r):
        return "pending" if r["decision"] is None else ("approved" if r["decision"]["approve"] else "rejected")

    requests = sorted((r["card_id"] is not None, status(r), r["amount_cents"]) for r in doc["budget_requests"])
    assert requests == [(False, "approved", 80000), (True, "approved", 500000), (True, "pending", 10050),
                        (True, "rejected", 900000)]
    assert [r["decision"]["amount_cents"] for r in doc["budget_requests"] if r["decision"] and r["card_id"]
            and r["decision"]["approve"]] == [350000]
    assert sorted(s["amount_cents"] for s in doc["spend"]) == [25025, 120000]
    assert [e["seq"] for e in doc["events"]] == list(range(1, doc["initiative"]["last_seq"] + 1))
    assert doc["events"][0]["type"] == "initiative.created"
    assert doc["events"][-1]["type"] == "kpi.updated"


def test_export_is_404_for_a_non_member_and_an_unknown_initiative(world):
    err = expect(world.outsider.get(f"/initiatives/{world.initiative}/export.json"), 404)
    assert err["error"]["code"] == "not_found"
    assert world.initiative not in str(err)
    expect(world.buyer.get("/initiatives/no-such-initiative/export.json"), 404)
    expect(world.buyer.get(f"/initiatives/{world.other_initiative}/export.json"), 404)
    expect(world.outsider.get(f"/initiatives/{world.other_initiative}/export.json"), 200)


def test_export_needs_sign_in(world, anonymous):
    expect(anonymous.get(f"/initiatives/{world.initiative}/export.json"), 401)


def test_round_trip_loses_nothing(world, app):
    build_board(world, app)
    before = expect(world.buyer.get(f"/initiatives/{world.initiative}/export.json"), 200)
    with app.app_context():
        imported = exchange.import_initiative(copy.deepcopy(before), world.other_engagement)
        uow.commit()
        new_id = imported.id
        # the import itself is one engagement-level event, outside the initiative's log
        assert session.scalar(select(func.count()).select_from(Event).where(
            Event.engagement_id == world.other_engagement, Event.type == "initiative.imported")) == 1
    assert new_id != world.initiative
    after = expect(world.outsider.get(f"/initiatives/{new_id}/export.json"), 200)
    assert after["initiative"]["engagement_id"] == world.other_engagement
    # every row got a new id; people are the same accounts (matched by email)
    assert not (document_ids(before) & document_ids(after)) - {p["id"] for p in before["people"]}
    assert canonical(after) == canonical(before)
    # the copy lives in the other engagement only, and its rules still hold
    expect(world.buyer.get(f"/initiatives/{new_id}"), 404)
    ups = expect(world.outsider.get(f"/initiatives/{new_id}/power-ups"), 200)
    assert ups == expect(world.buyer.get(f"/initiatives/{world.initiative}/power-ups"), 200)


def test_import_maps_unknown_people_to_new_passwordless_accounts(world, app):
    expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 201)
    doc = expect(world.buyer.get(f"/initiatives/{world.initiative}/export.json"), 200)
    for person in doc["people"]:
        if person["email"] == "provider@example.com":
            person.update(email="ines@elsewhere.example", name="Inês Costa")
    for card in doc["cards"]:
        card["author"] = {"email": "ines@elsewhere.example", "name": "Inês Costa"}
    for event in doc["events"]:
        if event["actor"]["email"] == "provider@example.com":
            event["actor"] = {"email": "ines@elsewhere.example", "name": "Inês Costa"}
    with app.app_context():
        imported = exchange.import_initiative(doc, world.engagement)
        uow.commit()
        ines = session.scalar(select(User).where(User.email == "ines@elsewhere.example"))
        assert ines is not None and ines.name == "Inês Costa" and ines.password_hash is None
        card = session.scalar(select(Card).where(Card.initiative_id == imported.id))
        assert card.author_id == ines.id and card.side == "provider"
        created = session.scalar(select(Event).where(Event.initiative_id == imported.id, Event.type == "card.created"))
        assert created.actor_id == ines.id and created.data["author"]["id"] == ines.id
        assert created.data["initiative_id"] == imported.id


def _drop_title(doc):
    del doc["initiative"]["title"]


def _unknown_field(doc):
    doc["cards"][0]["colour"] = "red"


def _bad_reference(doc):
    doc["people"].append({"id": "newcomer", "email": "new@elsewhere.example", "name": "New Person"})
    doc["cards"][0]["shadowing_session_id"] = "no-such-session"


def _ghost_author(doc):
    doc["cards"][0]["author"] = {"email": "ghost@elsewhere.example", "name": "Ghost"}


def _gap_in_events(doc):
    doc["events"][1]["seq"] = 7


def _wrong_last_seq(doc):
    doc["initiative"]["last_seq"] += 1


def _duplicate_id(doc):
    doc["cards"][1]["id"] = doc["cards"][0]["id"]


def _naive_time(doc):
    doc["cards"][0]["created_at"] = "2024-05-01T10:00:00"


def _bad_enum(doc):
    doc["cards"][0]["kind"] = "memo"


def _wrong_format(doc):
    doc["format"] = "trello/board"


def _measurement_of_no_kpi(doc):
    doc["kpis"].append({"id": "k1", "name": "Cost", "unit": "", "baseline": None, "target": None,
                        "created_at": "2026-01-01T00:00:00+00:00", "version": 1})
    doc["kpi_measurements"].append({"id": "m1", "kpi_id": "nope", "value": 1, "measured_at": "2026-01-02T00:00:00+00:00",
                                    "note": "", "experiment_id": None, "created_by": doc["cards"][0]["author"],
                                    "created_at": "2026-01-02T00:00:00+00:00"})


def _cites_no_measurement(doc):
    doc["cards"][0]["measurement_id"] = "no-such-measurement"


@pytest.mark.parametrize("break_it, field", [
    (_drop_title, "initiative.title"),
    (_unknown_field, "cards.0.colour"),
    (_bad_reference, "cards.0.shadowing_session_id"),
    (_ghost_author, "cards.0.author"),
    (_gap_in_events, "events.1.seq"),
    (_wrong_last_seq, "initiative.last_seq"),
    (_duplicate_id, "cards.1.id"),
    (_naive_time, "cards.0.created_at"),
    (_bad_enum, "cards.0.kind"),
    (_wrong_format, "format"),
    (_measurement_of_no_kpi, "kpi_measurements.0.kpi_id"),
    (_cites_no_measurement, "cards.0.measurement_id"),
])
def test_an_invalid_document_names_what_is_wrong_and_writes_nothing(world, app, break_it, field):
    expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "one"}), 201)
    expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "two"}), 201)
    doc = expect(world.buyer.get(f"/initiatives/{world.initiative}/export.json"), 200)
    break_it(doc)
    with app.app_context():
        before = counts()
        with pytest.raises(BoardError) as caught:
            exchange.import_initiative(doc, world.engagement)
        uow.rollback()
        assert field in (caught.value.fields or {}), caught.value.message
        assert field in caught.value.message
        assert counts() == before


@pytest.mark.parametrize("data", [[], "export", None, {}])
def test_import_of_something_else_than_an_export_is_invalid(world, app, data):
    with app.app_context():
        with pytest.raises(BoardError) as caught:
            exchange.import_initiative(data, world.engagement)
        assert caught.value.status == 422


def test_import_into_an_unknown_engagement_is_404(world, app):
    doc = expect(world.buyer.get(f"/initiatives/{world.initiative}/export.json"), 200)
    with app.app_context():
        with pytest.raises(BoardError) as caught:
            exchange.import_initiative(doc, "no-such-engagement")
        assert caught.value.status == 404


def test_export_covers_every_column():
    """A column added to an exported table must be added to the export too (or the round trip loses it)."""
    owned = {"engagement_id", "initiative_id"}
    cases = [
        # the power-ups last pushed are derived, not carried: an imported board pushes its own at its first fact
        (Initiative, exchange.INITIATIVE_FIELDS, "initiative", {"power_ups"}),
        (Kpi, exchange.KPI_FIELDS, "kpis", owned),
        (KpiMeasurement, exchange.MEASUREMENT_FIELDS, "kpi_measurements", owned),
        (KpiAgreement, exchange.AGREEMENT_FIELDS, "kpi_agreements", owned),
        (AccessGrant, exchange.GRANT_FIELDS, "access_grants", owned),
        (ShadowingSession, exchange.SESSION_FIELDS, "shadowing_sessions", owned),
        (Cluster, exchange.CLUSTER_FIELDS, "clusters", owned),
        (Card, exchange.CARD_FIELDS, "cards", owned),
        (CardLink, exchange.LINK_FIELDS, "card_links", set()),
        (Comment, exchange.COMMENT_FIELDS, "comments", owned),
        (BudgetRequest, exchange.REQUEST_FIELDS, "budget_requests", owned),
        (Decision, exchange.DECISION_FIELDS, "decision", {"engagement_id", "request_id"}),
        (Spend, exchange.SPEND_FIELDS, "spend", owned),
        # an event's op_id names a write of the exporting server's clients: nothing to reconcile after import
        (Event, ("seq", "type", "at", "data"), "events", owned | {"id", "op_id"}),
    ]
    for model, names, section, implied in cases:
        covered = (set(names) | set(exchange.PERSON_COLUMNS.get(section, {}).values())
                   | set(exchange.PEOPLE_LISTS.get(section, ())) | implied)
        assert {c.name for c in model.__table__.columns} == covered, model.__tablename__


def test_a_members_export_keeps_the_boards_anonymity_and_vote_secrecy(world, app):
    w, ini = world, world.initiative
    seen = expect(w.provider.post(f"/initiatives/{ini}/cards", {"kind": "observation", "text": "Seen before"}), 201)
    expect(w.facilitator.patch(f"/initiatives/{ini}/workshop", {"anonymous": True}), 200)
    idea = expect(w.sponsor.post(f"/initiatives/{ini}/cards", {"kind": "observation", "text": "Written hidden"}), 201)
    expect(w.sponsor.post(f"/cards/{seen['id']}/comments", {"text": "Agreed"}), 201)
    rnd = expect(w.facilitator.post(f"/initiatives/{ini}/voting-rounds", {"votes_per_person": 2}), 201)
    expect(w.sponsor.post(f"/voting-rounds/{rnd['id']}/votes", {"card_id": idea["id"]}), 201)

    doc = expect(w.viewer.get(f"/initiatives/{ini}/export.json"), 200)
    assert doc["authors_hidden"] is True
    assert [c["author"] for c in doc["cards"]] == [None, None] and [c["side"] for c in doc["cards"]] == ["provider", "buyer"]
    assert [c["author"] for c in doc["comments"]] == [None]
    votes = [e for e in doc["events"] if e["type"] == "vote.cast"]
    assert votes and all(e["actor"] is None for e in votes)
    written = next(e for e in doc["events"] if e["type"] == "card.created" and e["data"]["id"] == idea["id"])
    assert written["actor"] is None
    assert "sponsor@example.com" not in str(doc)  # who wrote, commented and voted is nowhere in it
    # such a document is refused by the import, saying why, and nothing is written
    with app.app_context():
        with pytest.raises(BoardError) as refused:
            exchange.import_initiative(copy.deepcopy(doc), world.other_engagement)
        assert refused.value.fields == {"authors_hidden": [refused.value.message.split(": ", 1)[1]]}
        session.rollback()

    # authors shown again: the cards name them as the board does; votes stay secret for good
    expect(w.facilitator.patch(f"/initiatives/{ini}/workshop", {"anonymous": False}), 200)
    doc = expect(w.viewer.get(f"/initiatives/{ini}/export.json"), 200)
    assert "authors_hidden" not in doc
    assert [c["author"]["email"] for c in doc["cards"]] == ["provider@example.com", "sponsor@example.com"]
    assert all(e["actor"] is None for e in doc["events"] if e["type"] == "vote.cast")
