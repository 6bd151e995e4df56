"""One initiative's power-up facts with when each came to be, and ``facts_at``: the one builder of
``Facts``, for the present and for any past moment. Pure: ``store`` reads timelines from the database.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Callable

from ..services import money
from .facts import Account, Budget, Experiment, Facts, Grant, Shadowing, Story


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
    evidence: frozenset = frozenset()  # ids of the cards it cited

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
    requests: list[TimedRequest] = field(default_factory=list)  # by request time
    spend: list[TimedSpend] = field(default_factory=list)


@dataclass(frozen=True)
class Asked:
    """A request as it stood at the end of a period (what ``services.money`` reads)."""

    card_id: str | None
    currency: str
    amount_cents: int
    status: str
    approved_cents: int


@dataclass(frozen=True)
class Paid:
    card_id: str | None
    currency: str
    amount_cents: int


def budget_window(tl: Timeline, start: datetime | None = None,
                  end: datetime | None = None) -> tuple[list[Asked], list[Paid]]:
    """The requests and spend that count for ``[start, end)`` (open ends: all time), for ``money``:
    each counts in the period it happened in — a request made in the period and still open at its
    end as requested, an approval or rejection when decided, spend when recorded."""
    def within(at: datetime | None) -> bool:
        return at is not None and (start is None or at >= start) and (end is None or at < end)

    asked: list[Asked] = []
    currency: dict[str | None, str] = {}
    for r in tl.requests:
        if end is not None and r.requested_at >= end:
            continue
        currency.setdefault(r.card_id, r.currency)
        decided = r.decided_at is not None and (end is None or r.decided_at < end)
        if not decided and within(r.requested_at):
            asked.append(Asked(r.card_id, r.currency, r.requested_cents, "pending", 0))
        elif within(r.decided_at):
            asked.append(Asked(r.card_id, r.currency, r.requested_cents, "approved" if r.approve else "rejected",
                               r.approved_cents if r.approve else 0))
    paid = [Paid(sp.card_id, currency[sp.card_id], sp.cents) for sp in tl.spend
            if within(sp.at) and sp.card_id in currency]
    return asked, paid


def facts_at(tl: Timeline, at: datetime) -> Facts:
    """The facts as they stood at ``at``: what the power-ups of that moment are computed from."""
    live = {c.id: (c, s) for c in tl.cards if (s := c.state_at(at)) is not None and not s.deleted}

    def sessions_cited(state: CardState) -> frozenset:
        """The shadowing sessions of the live observations a story cited ("" for none)."""
        cited = (live[i][0] for i in state.evidence if i in live)
        return frozenset(c.session_id or "" for c in cited if c.kind == "observation")

    def label(card_id: str | None) -> str:
        card = live.get(card_id) if card_id else None
        return f"'{card[1].title}'" if card else ("an experiment" if card_id else "shadowing")

    requests = [r for r in tl.requests if r.requested_at <= at]
    accounts = money.by_budget(*budget_window(tl, None, at + timedelta(microseconds=1)))
    return Facts(
        grants=[Grant(g.scope, g.live(at), g.granted_by, g.granted_at) for g in tl.grants if g.granted_at <= at],
        sessions=[s.session for s in tl.sessions if s.at <= at],
        stories=[Story(s.title, s.told, sessions_cited(s)) for c, s in live.values() if c.kind == "story"],
        experiments=[Experiment(s.title, s.audience or "staff", s.status or "draft", s.published)
                     for c, s in live.values() if c.kind == "experiment"],
        budgets=[Budget(label(r.card_id), r.card_id is not None, r.status_at(at),
                        r.approved_cents if r.status_at(at) == "approved" else 0, r.currency) for r in requests],
        accounts=[Account(label(k), t.approved_cents, t.spent_cents, t.currency)
                  for k in sorted(accounts, key=lambda k: k or "") for t in accounts[k]],
    )


def moments(tl: Timeline) -> list[datetime]:
    """Every time a fact appeared or changed, in order."""
    times = {g.granted_at for g in tl.grants} | {g.ends_at for g in tl.grants if g.ends_at}
    times |= {s.at for s in tl.sessions} | {s.at for c in tl.cards for s in c.states}
    times |= {r.requested_at for r in tl.requests} | {r.decided_at for r in tl.requests if r.decided_at}
    times |= {sp.at for sp in tl.spend}
    return sorted(times)
