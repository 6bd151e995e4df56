"""Export: everything of one initiative as one plain JSON document.

A member's export (``export_for``) holds no card still private to its author (a workshop's reflect) and
keeps the board's anonymity: while the workshop hides authors, cards
and comments carry no author, and an event recorded anonymously (every vote, and what was written while
authors were hidden) carries no actor, as on the board. Such a document says so (``authors_hidden``) and
is not importable until exported again with authors shown. ``board export`` (the operator's) keeps all.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable

from sqlalchemy import select

from ...db import session
from ...errors import NotFound
from ...models import (
    AccessGrant, BudgetRequest, Card, CardLink, Cluster, Comment, Event, Initiative, Kpi, KpiAgreement,
    KpiMeasurement, ShadowingSession, Spend, User, Workshop,
)
from ...permissions import scoped
from .. import money, reflect
from .fields import (
    AGREEMENT_FIELDS, CARD_FIELDS, CLUSTER_FIELDS, COMMENT_FIELDS, DECISION_FIELDS, FORMAT, GRANT_FIELDS,
    INITIATIVE_FIELDS, KPI_FIELDS, LINK_FIELDS, MEASUREMENT_FIELDS, PERSON_COLUMNS, REQUEST_FIELDS, SESSION_FIELDS, SPEND_FIELDS,
    VERSION,
)

def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(timezone.utc).isoformat()


def _plain(value: Any) -> Any:
    return _iso(value) if isinstance(value, datetime) else value


def _strings(value: Any) -> Iterable[str]:
    """Every string inside a JSON value (keys too)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


class _People:
    """The people an export references, loaded once each."""

    def __init__(self):
        self.users: dict[str, User] = {}

    def load(self, ids: Iterable[str | None]) -> None:
        wanted = sorted({i for i in ids if i and i not in self.users})
        for start in range(0, len(wanted), 500):
            for user in session.scalars(select(User).where(User.id.in_(wanted[start:start + 500]))):
                self.users[user.id] = user

    def ref(self, user_id: str | None) -> dict | None:
        if user_id is None:
            return None
        user = self.users[user_id]
        return {"email": user.email, "name": user.name}

    def listing(self) -> list[dict]:
        return [{"id": u.id, "email": u.email, "name": u.name}
                for u in sorted(self.users.values(), key=lambda u: (u.email, u.id))]


def _rows(model, *where, key) -> list:
    return sorted(session.scalars(select(model).where(*where)), key=key)


def _dump(obj: Any, names: Iterable[str], people: _People, section: str, hide: bool = False) -> dict:
    """A row's fields and its people; ``hide``: no author (the workshop hides who wrote it)."""
    row = {name: _plain(getattr(obj, name)) for name in names}
    for field, column in PERSON_COLUMNS.get(section, {}).items():
        row[field] = None if hide and field == "author" else people.ref(getattr(obj, column))
    return row


def export_initiative(initiative_id: str, *, as_members_see: bool = False) -> dict:
    """Everything of one initiative as plain JSON; 404 for an unknown id. ``as_members_see``: who wrote or
    voted what is left out where the board hides it."""
    initiative = (session.get(Initiative, initiative_id, populate_existing=True)
                  if isinstance(initiative_id, str) else None)
    if initiative is None:
        raise NotFound("Initiative not found.")
    iid = initiative.id

    def by(*names):
        return lambda o: tuple(getattr(o, n) for n in names)

    kpis = _rows(Kpi, Kpi.initiative_id == iid, key=by("created_at", "id"))
    measurements = _rows(KpiMeasurement, KpiMeasurement.initiative_id == iid, key=by("measured_at", "created_at", "id"))
    agreements = _rows(KpiAgreement, KpiAgreement.initiative_id == iid, key=by("agreed_at", "id"))
    grants = _rows(AccessGrant, AccessGrant.initiative_id == iid, key=by("granted_at", "id"))
    sessions = _rows(ShadowingSession, ShadowingSession.initiative_id == iid, key=by("created_at", "id"))
    clusters = _rows(Cluster, Cluster.initiative_id == iid, key=by("created_at", "id"))
    # a member's export leaves out cards still private to their author (services/reflect.py)
    shown = (reflect.SHARED,) if as_members_see else ()
    cards = _rows(Card, Card.initiative_id == iid, *shown, key=by("created_at", "id"))
    links = _rows(CardLink, CardLink.from_card_id.in_(select(Card.id).where(Card.initiative_id == iid, *shown)),
                  key=by("created_at", "from_card_id", "to_card_id"))
    comments = _rows(Comment, Comment.initiative_id == iid, key=by("created_at", "id"))
    requests = _rows(BudgetRequest, BudgetRequest.initiative_id == iid, key=by("requested_at", "id"))
    spend = _rows(Spend, Spend.initiative_id == iid, key=by("recorded_at", "id"))
    # the board's numbered log: a private card's own events (no seq) stay out, its card holds where it stands
    events = list(session.scalars(select(Event).where(Event.initiative_id == iid, Event.seq.is_not(None))
                                  .order_by(Event.seq)))

    hiding = as_members_see and bool(session.scalar(select(Workshop.anonymous).where(Workshop.initiative_id == iid)))

    def actor_of(e: Event) -> str | None:
        return None if as_members_see and (e.data or {}).get("anonymous") else e.actor_id

    people = _People()
    people.load([initiative.created_by_id])
    people.load(a.user_id for a in agreements)
    people.load(m.created_by_id for m in measurements)
    people.load(x for g in grants for x in (g.granted_by_id, g.revoked_by_id))
    people.load(s.shadower_id for s in sessions)
    if not hiding:
        people.load(c.author_id for c in cards)
        people.load(c.author_id for c in comments)
    people.load(u for c in comments for u in c.mentions or [])
    people.load(x for r in requests for x in (r.requested_by_id, r.learned_by_id, r.decision and r.decision.decided_by_id))
    people.load(s.recorded_by_id for s in spend)
    people.load(actor_of(e) for e in events)
    people.load(s for e in events for s in _strings(e.data) if len(s) <= 24)  # people named in event data

    def request_row(r: BudgetRequest) -> dict:
        row = _dump(r, REQUEST_FIELDS, people, "budget_requests")
        row["decision"] = _dump(r.decision, DECISION_FIELDS, people, "decision") if r.decision else None
        return row

    document = {
        "format": FORMAT,
        "version": VERSION,
        "people": people.listing(),
        "initiative": _dump(initiative, INITIATIVE_FIELDS, people, "initiative"),
        "kpis": [_dump(k, KPI_FIELDS, people, "kpis") for k in kpis],
        "kpi_agreements": [_dump(a, AGREEMENT_FIELDS, people, "kpi_agreements") for a in agreements],
        "kpi_measurements": [_dump(m, MEASUREMENT_FIELDS, people, "kpi_measurements") for m in measurements],
        "access_grants": [_dump(g, GRANT_FIELDS, people, "access_grants") for g in grants],
        "shadowing_sessions": [_dump(s, SESSION_FIELDS, people, "shadowing_sessions") for s in sessions],
        "clusters": [_dump(c, CLUSTER_FIELDS, people, "clusters") for c in clusters],
        "cards": [_dump(c, CARD_FIELDS, people, "cards", hide=hiding) for c in cards],
        "card_links": [_dump(link, LINK_FIELDS, people, "card_links") for link in links],
        "comments": [{**_dump(c, COMMENT_FIELDS, people, "comments", hide=hiding),
                      "mentions": [people.ref(u) for u in c.mentions or []]} for c in comments],
        "budget_requests": [request_row(r) for r in requests],
        "spend": [_dump(s, SPEND_FIELDS, people, "spend") for s in spend],
        "money": _money(requests, spend),
        "events": [{"seq": e.seq, "type": e.type, "actor": people.ref(actor_of(e)), "at": _iso(e.at), "data": e.data}
                   for e in events],
    }
    if hiding:
        document["authors_hidden"] = True
    return document


def _money(requests: list[BudgetRequest], spend: list[Spend]) -> dict:
    """The totals of ``money`` (cents), in all and per budget (experiments by card id): derived, for readers."""
    per = money.by_budget(requests, spend)
    return {"totals": [t.wire() for t in money.totals(requests, spend)],
            "experiments": {k: [t.wire() for t in v] for k, v in per.items() if k is not None},
            "shadowing": [t.wire() for t in per.get(None, [])]}


def export_for(actor: User, initiative_id: str) -> dict:
    """The export, for a member of the initiative's engagement."""
    scoped(actor, Initiative, initiative_id)
    return export_initiative(initiative_id, as_members_see=True)
