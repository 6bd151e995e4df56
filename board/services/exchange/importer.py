"""Import: recreate an exported initiative in an engagement, with new ids; nothing is written on bad input."""
from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update

from ...db import new_id, session
from ...errors import NotFound
from ...models import (
    AccessGrant, BudgetRequest, Card, CardLink, Cluster, Comment, Decision, Engagement, Event, Initiative,
    Kpi, KpiAgreement, KpiMeasurement, LibraryEntry, ShadowingSession, Spend, User,
)
from ..accounts import create_user, find_user
from ..events import record
from .document import validate_document
from .fields import (
    AGREEMENT_FIELDS, CARD_FIELDS, CLUSTER_FIELDS, COMMENT_FIELDS, DECISION_FIELDS, GRANT_FIELDS, INITIATIVE_FIELDS,
    KPI_FIELDS, LINK_FIELDS, MEASUREMENT_FIELDS, PERSON_COLUMNS, REQUEST_FIELDS, SESSION_FIELDS, SPEND_FIELDS,
)

def _new_ids(old: list[str]) -> dict[str, str]:
    """Fresh ids for ``old``, sorting in the same order (so rows keep their order on export)."""
    fresh: set[str] = set()
    while len(fresh) < len(old):
        fresh.add(new_id())
    return dict(zip(sorted(old), sorted(fresh)))


def _remap(value: Any, ids: dict[str, str]) -> Any:
    """``value`` with every string that is a known id replaced by its new id."""
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, dict):
        return {_remap(k, ids): _remap(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_remap(v, ids) for v in value]
    return value


def _insert(model, rows: list[dict]) -> None:
    """Insert rows as they are (Core: the ORM would reset ``version`` and timestamps)."""
    if rows:
        session.execute(insert(model.__table__), rows)


def import_initiative(data: Any, engagement_id: str) -> Initiative:
    """Recreate an exported initiative in ``engagement_id`` with new ids; nothing is written on bad input."""
    engagement = session.get(Engagement, engagement_id) if isinstance(engagement_id, str) else None
    if engagement is None:
        raise NotFound("Engagement not found.")
    doc = validate_document(data)

    # people, by email
    users: dict[str, User] = {}
    ids: dict[str, str] = {}
    for p in doc["people"]:
        user = find_user(p["email"]) or create_user(p["email"], None, p["name"])
        users[p["email"].strip().lower()] = user
        ids[p["id"]] = user.id

    def uid(ref: dict | None) -> str | None:
        return None if ref is None else users[ref["email"].strip().lower()].id

    # every other id, fresh and order-preserving
    old = [doc["initiative"]["id"]]
    for section in ("kpis", "kpi_agreements", "kpi_measurements", "access_grants", "shadowing_sessions", "clusters",
                    "cards", "comments", "budget_requests", "spend"):
        old.extend(row["id"] for row in doc[section])
    old.extend(r["decision"]["id"] for r in doc["budget_requests"] if r["decision"])
    ids.update(_new_ids(old))
    ids[doc["initiative"]["engagement_id"]] = engagement.id

    def new(value: str | None) -> str | None:
        return None if value is None else ids[value]

    eid, iid = engagement.id, new(doc["initiative"]["id"])
    owned = {"engagement_id": eid, "initiative_id": iid}

    def rows(section: str, names: tuple, refs: tuple = ("id",), **extra) -> list[dict]:
        out = []
        for row in doc[section]:
            values = {n: row[n] for n in names}
            values.update({r: new(row[r]) for r in refs})
            values.update({column: uid(row[field]) for field, column in PERSON_COLUMNS.get(section, {}).items()})
            out.append({**values, **extra})
        return out

    ini = doc["initiative"]
    _insert(Initiative, [{
        **{n: ini[n] for n in INITIATIVE_FIELDS}, "id": iid, "engagement_id": eid,
        "created_by_id": uid(ini["created_by"]),
    }])
    _insert(Kpi, rows("kpis", KPI_FIELDS, **owned))
    _insert(KpiAgreement, rows("kpi_agreements", AGREEMENT_FIELDS, **owned))
    _insert(AccessGrant, rows("access_grants", GRANT_FIELDS, **owned))
    _insert(ShadowingSession, rows("shadowing_sessions", SESSION_FIELDS, **owned))
    _insert(Cluster, rows("clusters", CLUSTER_FIELDS, **owned))
    card_rows = rows("cards", CARD_FIELDS, ("id", "cluster_id", "shadowing_session_id", "measurement_id"), **owned)
    cited = {row["id"]: row.pop("measurement_id") for row in card_rows}  # set once the measurements are in
    known_entries = set(session.scalars(select(LibraryEntry.id).where(
        LibraryEntry.id.in_({r["inspired_by_id"] for r in card_rows if r["inspired_by_id"]}))))
    for row in card_rows:  # a library entry is kept as the source only where it exists here
        row["inspired_by_id"] = row["inspired_by_id"] if row["inspired_by_id"] in known_entries else None
    _insert(Card, [{**row, "measurement_id": None} for row in card_rows])
    _insert(KpiMeasurement, rows("kpi_measurements", MEASUREMENT_FIELDS, ("id", "kpi_id", "experiment_id"), **owned))
    if citing := [{"card": card, "measurement": m} for card, m in cited.items() if m]:
        cards = Card.__table__
        session.execute(update(cards).where(cards.c.id == bindparam("card"))
                        .values(measurement_id=bindparam("measurement"), updated_at=cards.c.updated_at), citing)
    _insert(CardLink, rows("card_links", LINK_FIELDS, ("from_card_id", "to_card_id")))
    comment_rows = rows("comments", COMMENT_FIELDS, ("id", "card_id"), **owned)
    for row, doc_row in zip(comment_rows, doc["comments"]):
        row["mentions"] = [uid(ref) for ref in doc_row["mentions"]]
    _insert(Comment, comment_rows)
    _insert(BudgetRequest, rows("budget_requests", REQUEST_FIELDS, ("id", "card_id"), **owned))
    _insert(Decision, [
        {**{n: r["decision"][n] for n in DECISION_FIELDS}, "id": new(r["decision"]["id"]), "engagement_id": eid,
         "request_id": new(r["id"]), "decided_by_id": uid(r["decision"]["decided_by"])}
        for r in doc["budget_requests"] if r["decision"]
    ])
    _insert(Spend, rows("spend", SPEND_FIELDS, ("id", "card_id"), **owned))
    _insert(Event, [
        {"engagement_id": eid, "initiative_id": iid, "seq": e["seq"], "type": e["type"], "actor_id": uid(e["actor"]),
         "at": e["at"], "data": _remap(e["data"], ids)}
        for e in doc["events"]
    ])
    initiative = session.get(Initiative, iid, populate_existing=True)
    record(None, eid, None, "initiative.imported",
           {"initiative_id": iid, "title": initiative.title, "events": len(doc["events"])})
    return initiative
