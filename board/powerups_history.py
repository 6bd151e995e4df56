"""Power-ups over time: one initiative's facts with their timestamps, and the levels they gave at any moment.

``facts_at`` rebuilds the ``powerups.Facts`` as they stood at a time, so past levels come from the same
``powerups.compute`` as today's; ``history`` lists each change of level; ``budget_lines`` sums money
per budget over a period. All pure: ``gather_timeline`` is the one function reading the database.
A card's state over time (status, audience, told, published, deleted) is replayed from its events.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Callable

from sqlalchemy import select

from .db import session
from .models import AccessGrant, BudgetRequest, Card, CardLink, Event, ShadowingSession, Spend
from .powerups import Account, Budget, Experiment, Facts, Grant, Shadowing, Story, compute

CARD_EVENTS = ("card.created", "card.updated", "card.deleted", "card.restored")
METERS = ("courage", "budget", "story")


@dataclass(frozen=True)
class TimedGrant:
    scope: str
    granted_by: str
    granted_at: datetime
    ends_at: datetime | None  # revoked or expired, whichever came first

    def live(self, at: datetime) -> bool:
        """Granted by ``at`` and not yet ended."""
        return self.granted_at <= at and (self.ends_at is None or at < self.ends_at)


@dataclass(frozen=True)
class TimedSession:
    session: Shadowing
    at: datetime  # when it was logged


@dataclass(frozen=True)
class CardState:
    """What a card was from ``at`` on."""

    at: datetime
    title: str = ""
    status: str | None = None
    audience: str | None = None
    told: bool = False
    published: bool = False
    deleted: bool = False

    def same(self, other: "CardState | None") -> bool:
        """Equal but for the time."""
        return other is not None and replace(other, at=self.at) == self


@dataclass(frozen=True)
class TimedCard:
    id: str
    kind: str
    session_id: str | None  # an observation's shadowing session
    states: tuple[CardState, ...]  # oldest first; the first is its creation

    def state_at(self, at: datetime) -> CardState | None:
        """Its state at ``at`` (``None`` before it existed)."""
        i = bisect_right([s.at for s in self.states], at)
        return self.states[i - 1] if i else None

    def became(self, test: Callable[[CardState], bool]) -> list[datetime]:
        """Each time ``test`` turned true."""
        times, before = [], False
        for s in self.states:
            now = test(s)
            if now and not before:
                times.append(s.at)
            before = now
        return times


@dataclass(frozen=True)
class TimedLink:
    from_card_id: str
    to_card_id: str
    at: datetime


@dataclass(frozen=True)
class TimedRequest:
    card_id: str | None  # None: shadowing
    currency: str
    requested_cents: int
    requested_at: datetime
    decided_at: datetime | None
    approve: bool | None
    approved_cents: int  # 0 unless approved

    def status_at(self, at: datetime) -> str:
        """pending, approved or rejected, as it stood at ``at``."""
        if self.decided_at is None or self.decided_at > at:
            return "pending"
        return "approved" if self.approve else "rejected"


@dataclass(frozen=True)
class TimedSpend:
    card_id: str | None
    cents: int
    at: datetime


@dataclass
class Timeline:
    """Everything the power-ups of one initiative depend on, with when each came to be."""

    grants: list[TimedGrant] = field(default_factory=list)
    sessions: list[TimedSession] = field(default_factory=list)
    cards: list[TimedCard] = field(default_factory=list)  # by creation
    links: list[TimedLink] = field(default_factory=list)
    requests: list[TimedRequest] = field(default_factory=list)  # by request time
    spend: list[TimedSpend] = field(default_factory=list)


@dataclass(frozen=True)
class Point:
    """The levels from ``at`` on."""

    at: datetime
    levels: dict


@dataclass(frozen=True)
class BudgetLine:
    """Money of one budget (an experiment's, or shadowing's) over a period; ``pending`` at its end."""

    card_id: str | None
    currency: str
    requested_cents: int = 0
    approved_cents: int = 0
    spent_cents: int = 0
    pending: int = 0


def facts_at(tl: Timeline, at: datetime) -> Facts:
    """The facts as they stood at ``at`` (what ``powerups.gather`` reads, at that moment)."""
    live = {c.id: (c, s) for c in tl.cards if (s := c.state_at(at)) is not None and not s.deleted}
    evidence: dict[str, set] = {}
    for link in tl.links:
        obs = live.get(link.to_card_id)
        if link.at <= at and obs is not None and obs[0].kind == "observation":
            evidence.setdefault(link.from_card_id, set()).add(obs[0].session_id or "")

    def label(card_id: str | None) -> str:
        card = live.get(card_id) if card_id else None
        return f"'{card[1].title}'" if card else ("an experiment" if card_id else "shadowing")

    requests = [r for r in tl.requests if r.requested_at <= at]
    approved: dict[str | None, int] = {}
    currency: dict[str | None, str] = {}
    for r in requests:
        approved[r.card_id] = approved.get(r.card_id, 0) + (r.approved_cents if r.status_at(at) == "approved" else 0)
        currency.setdefault(r.card_id, r.currency)
    spent: dict[str | None, int] = {}
    for sp in tl.spend:
        if sp.at <= at:
            spent[sp.card_id] = spent.get(sp.card_id, 0) + sp.cents
    return Facts(
        grants=[Grant(g.scope, g.live(at), g.granted_by, g.granted_at) for g in tl.grants if g.granted_at <= at],
        sessions=[s.session for s in tl.sessions if s.at <= at],
        stories=[Story(s.title, s.told, frozenset(evidence.get(c.id, ()))) for c, s in live.values() if c.kind == "story"],
        experiments=[Experiment(s.title, s.audience or "staff", s.status or "draft", s.published)
                     for c, s in live.values() if c.kind == "experiment"],
        budgets=[Budget(label(r.card_id), r.card_id is not None, r.status_at(at),
                        r.approved_cents if r.status_at(at) == "approved" else 0, r.currency) for r in requests],
        accounts=[Account(label(k), approved.get(k, 0), spent.get(k, 0), currency.get(k, ""))
                  for k in sorted(approved.keys() | spent.keys(), key=lambda k: k or "")],
    )


def levels_at(tl: Timeline, at: datetime) -> dict:
    """``{courage, budget, story}``, each ``{level, facts, next}``, as they stood at ``at``."""
    return compute(facts_at(tl, at))


def moments(tl: Timeline) -> list[datetime]:
    """Every time a fact appeared or changed, in order."""
    times = {g.granted_at for g in tl.grants} | {g.ends_at for g in tl.grants if g.ends_at}
    times |= {s.at for s in tl.sessions} | {s.at for c in tl.cards for s in c.states} | {link.at for link in tl.links}
    times |= {r.requested_at for r in tl.requests} | {r.decided_at for r in tl.requests if r.decided_at}
    times |= {sp.at for sp in tl.spend}
    return sorted(times)


def history(tl: Timeline, until: datetime) -> list[Point]:
    """The levels after each change up to ``until`` (the first point is the first fact)."""
    points: list[Point] = []
    for at in (t for t in moments(tl) if t <= until):
        levels = {name: meter["level"] for name, meter in levels_at(tl, at).items()}
        if not points or levels != points[-1].levels:
            points.append(Point(at, levels))
    return points


def budget_lines(tl: Timeline, start: datetime | None = None, end: datetime | None = None) -> list[BudgetLine]:
    """Per budget (shadowing first, then experiments by first request): requested, approved and spent
    within ``[start, end)`` (open ends: all time), and the requests pending at ``end``."""
    def within(at: datetime | None) -> bool:
        return at is not None and (start is None or at >= start) and (end is None or at < end)

    lines: dict[str | None, BudgetLine] = {}
    for r in tl.requests:
        if end is not None and r.requested_at >= end:
            continue
        line = lines.setdefault(r.card_id, BudgetLine(r.card_id, r.currency))
        lines[r.card_id] = replace(
            line,
            requested_cents=line.requested_cents + (r.requested_cents if within(r.requested_at) else 0),
            approved_cents=line.approved_cents + (r.approved_cents if within(r.decided_at) and r.approve else 0),
            pending=line.pending + (r.decided_at is None or (end is not None and r.decided_at >= end)))
    for sp in tl.spend:
        if within(sp.at) and sp.card_id in lines:
            line = lines[sp.card_id]
            lines[sp.card_id] = replace(line, spent_cents=line.spent_cents + sp.cents)
    return sorted(lines.values(), key=lambda b: b.card_id is not None)


def _states(card: Card, events: list[tuple[datetime, str, dict]]) -> tuple[CardState, ...]:
    """A card's states replayed from its events, ending in the state its row holds now."""
    states: list[CardState] = []

    def push(state: CardState) -> None:
        if not state.same(states[-1] if states else None):
            states.append(state)

    for at, type_, data in events:
        if type_ == "card.deleted":
            if states:
                push(replace(states[-1], at=at, deleted=True))
            continue
        push(CardState(at, data.get("title") or "", data.get("status"), data.get("audience"),
                       bool(data.get("told")), bool(data.get("published"))))
    row = CardState(card.created_at, card.title or "", card.status, card.audience, card.told, card.published,
                    card.deleted_at is not None)
    if not states:
        return (row,)
    if not row.same(states[-1]):  # changed since its last event (an event log that missed a change)
        states.append(replace(row, at=max(t for t in (states[-1].at, card.updated_at, card.deleted_at) if t)))
    return tuple(states)


def gather_timeline(initiative_id: str) -> Timeline:
    """Read one initiative's facts and their times from the database."""
    cards = list(session.scalars(select(Card).where(Card.initiative_id == initiative_id)
                                 .order_by(Card.created_at, Card.id)))
    events: dict[str, list] = {c.id: [] for c in cards}
    for at, type_, data in session.execute(select(Event.at, Event.type, Event.data).where(
            Event.initiative_id == initiative_id, Event.type.in_(CARD_EVENTS)).order_by(Event.seq)):
        if isinstance(data, dict) and data.get("id") in events:
            events[data["id"]].append((at, type_, data))
    links = session.execute(select(CardLink.from_card_id, CardLink.to_card_id, CardLink.created_at)
                            .join(Card, Card.id == CardLink.from_card_id).where(Card.initiative_id == initiative_id))
    grants = session.scalars(select(AccessGrant).where(AccessGrant.initiative_id == initiative_id))
    sessions = session.scalars(select(ShadowingSession).where(ShadowingSession.initiative_id == initiative_id)
                               .order_by(ShadowingSession.created_at, ShadowingSession.id))
    requests = session.scalars(select(BudgetRequest).where(BudgetRequest.initiative_id == initiative_id)
                               .order_by(BudgetRequest.requested_at, BudgetRequest.id))
    spend = session.scalars(select(Spend).where(Spend.initiative_id == initiative_id).order_by(Spend.recorded_at))
    return Timeline(
        grants=[TimedGrant(g.scope, g.granted_by.name, g.granted_at,
                           min((t for t in (g.revoked_at, g.expires_at) if t), default=None)) for g in grants],
        sessions=[TimedSession(Shadowing(s.id, s.host, s.customer_contact, s.started_at), s.created_at) for s in sessions],
        cards=[TimedCard(c.id, c.kind, c.shadowing_session_id, _states(c, events[c.id])) for c in cards],
        links=[TimedLink(f, t, at) for f, t, at in links],
        requests=[TimedRequest(r.card_id, r.currency, r.amount_cents, r.requested_at,
                               r.decision.decided_at if r.decision else None,
                               r.decision.approve if r.decision else None, r.approved_cents) for r in requests],
        spend=[TimedSpend(sp.card_id, sp.amount_cents, sp.recorded_at) for sp in spend],
    )
