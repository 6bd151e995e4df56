"""Reading one initiative's power-up facts from the database, as a ``Timeline`` for ``facts_at``:
as its rows hold them now (``gather``), or with each card's past replayed from the event log
(``gather_timeline``). The two agree on the present; only the second can tell the past.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from ..db import session, utcnow
from ..models import AccessGrant, BudgetRequest, Card, CardLink, Event, ShadowingSession, Spend
from .facts import Facts, Shadowing
from .timeline import CardState, TimedCard, TimedGrant, TimedRequest, TimedSession, TimedSpend, Timeline, facts_at

CARD_EVENTS = ("card.created", "card.updated", "card.deleted", "card.restored")


# what a card's facts need, read as plain rows: loading whole cards (author, workshop, citations) cost
# several times more, and this runs after every write that can change the power-ups
_CARD_FACTS = (Card.id, Card.kind, Card.shadowing_session_id, Card.title, Card.status, Card.audience, Card.told,
               Card.published, Card.created_at, Card.deleted_at)


def gather(initiative_id: str, now: datetime | None = None) -> Facts:
    """One initiative's facts as its rows hold them, at ``now`` (default: the present)."""
    cited: dict[str, list[str]] = {}
    for from_id, to_id in session.execute(select(CardLink.from_card_id, CardLink.to_card_id)
                                          .join(Card, Card.id == CardLink.from_card_id)
                                          .where(Card.initiative_id == initiative_id, Card.private.is_(False))):
        cited.setdefault(from_id, []).append(to_id)
    rows = session.execute(select(*_CARD_FACTS).where(Card.initiative_id == initiative_id, Card.deleted_at.is_(None),
                                                      Card.private.is_(False))
                           .order_by(Card.created_at, Card.id))
    cards = [TimedCard(r.id, r.kind, r.shadowing_session_id, (_row_state(r, cited.get(r.id, ())),)) for r in rows]
    return facts_at(_timeline(initiative_id, cards), now or utcnow())


def gather_timeline(initiative_id: str) -> Timeline:
    """One initiative's facts and their times; each card's states (its citations too) replayed from its events."""
    cards = list(session.scalars(select(Card).where(Card.initiative_id == initiative_id, Card.private.is_(False))
                                 .order_by(Card.created_at, Card.id)))
    events: dict[str, list] = {c.id: [] for c in cards}
    for at, type_, data in session.execute(select(Event.at, Event.type, Event.data).where(
            Event.initiative_id == initiative_id, Event.type.in_(CARD_EVENTS)).order_by(Event.seq)):
        if isinstance(data, dict) and data.get("id") in events:
            events[data["id"]].append((at, type_, data))
    return _timeline(initiative_id, [TimedCard(c.id, c.kind, c.shadowing_session_id, _states(c, events[c.id]))
                                     for c in cards])


def _row_state(card, evidence) -> CardState:
    """A card (a ``Card`` or a row of ``_CARD_FACTS``) as its row holds it now, dated from its creation."""
    return CardState(card.created_at, card.title or "", card.status, card.audience, card.told, card.published,
                     card.deleted_at is not None, frozenset(evidence))


def _states(card: Card, events: list[tuple[datetime, str, dict]]) -> tuple[CardState, ...]:
    """A card's states replayed from its events, ending in the state its row holds now.

    A story's or experiment's event carries what it cited then (``evidence``); an event without it
    (a delete) leaves the citations as they were.
    """
    states: list[CardState] = []

    def push(state: CardState) -> None:
        if not state.same(states[-1] if states else None):
            states.append(state)

    for at, type_, data in events:
        before = states[-1] if states else None
        if type_ == "card.deleted":
            if before:
                push(replace(before, at=at, deleted=True))
            continue
        cited = frozenset(data["evidence"]) if "evidence" in data else (before.evidence if before else frozenset())
        push(CardState(at, data.get("title") or "", data.get("status"), data.get("audience"),
                       bool(data.get("told")), bool(data.get("published")), evidence=cited))
    row = _row_state(card, card.evidence)
    if not states:
        return (row,)
    if not row.same(states[-1]):  # changed since its last event (an event log that missed a change)
        states.append(replace(row, at=max(t for t in (states[-1].at, card.updated_at, card.deleted_at) if t)))
    return tuple(states)


def _timeline(initiative_id: str, cards: list[TimedCard]) -> Timeline:
    """The initiative's grants, sessions, budget requests and spend with their times, and ``cards``."""
    grants = session.scalars(select(AccessGrant).where(AccessGrant.initiative_id == initiative_id)
                             .order_by(AccessGrant.granted_at, AccessGrant.id))
    sessions = session.scalars(select(ShadowingSession).where(ShadowingSession.initiative_id == initiative_id)
                               .order_by(ShadowingSession.created_at, ShadowingSession.id))
    requests = session.scalars(select(BudgetRequest).where(BudgetRequest.initiative_id == initiative_id)
                               .order_by(BudgetRequest.requested_at, BudgetRequest.id))
    spend = session.scalars(select(Spend).where(Spend.initiative_id == initiative_id)
                            .order_by(Spend.recorded_at, Spend.id))
    return Timeline(
        grants=[TimedGrant(g.scope, g.granted_by.name, g.granted_at,
                           min((t for t in (g.revoked_at, g.expires_at) if t), default=None)) for g in grants],
        sessions=[TimedSession(Shadowing(s.id, s.host, s.customer_contact, s.started_at), s.created_at)
                  for s in sessions],
        cards=cards,
        requests=[TimedRequest(r.card_id, r.currency, r.amount_cents, r.requested_at,
                               r.decision.decided_at if r.decision else None,
                               r.decision.approve if r.decision else None, r.approved_cents) for r in requests],
        spend=[TimedSpend(sp.card_id, sp.amount_cents, sp.recorded_at) for sp in spend],
    )
