"""Power-ups over time: the levels at any moment, each change of level, and money per budget over a period.
All pure, over a ``Timeline`` (``store.gather_timeline`` reads one).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..services import money
from ..services.money import Totals
from .meters import compute
from .timeline import Timeline, budget_window, facts_at, moments

METERS = ("courage", "budget", "story")


@dataclass(frozen=True)
class Point:
    """The levels from ``at`` on."""

    at: datetime
    levels: dict


@dataclass(frozen=True, kw_only=True)
class BudgetLine(Totals):
    """The money of one budget (an experiment's, ``card_id``; or shadowing's, ``None``) over a period."""

    card_id: str | None = None


def levels_at(tl: Timeline, at: datetime) -> dict:
    """``{courage, budget, story}``, each ``{level, facts, next}``, as they stood at ``at``."""
    return compute(facts_at(tl, at))


def history(tl: Timeline, until: datetime) -> list[Point]:
    """The levels after each change up to ``until`` (the first point is the first fact)."""
    points: list[Point] = []
    for at in (t for t in moments(tl) if t <= until):
        levels = {name: meter["level"] for name, meter in levels_at(tl, at).items()}
        if not points or levels != points[-1].levels:
            points.append(Point(at, levels))
    return points


def budget_lines(tl: Timeline, start: datetime | None = None, end: datetime | None = None) -> list[BudgetLine]:
    """Per budget (shadowing first, then experiments by first request): ``money.totals`` of
    ``budget_window`` — every budget requested before ``end``, even one with nothing in the period."""
    asked, paid = budget_window(tl, start, end)
    lines = money.by_budget(asked, paid)
    first = {r.card_id: r.currency for r in tl.requests if end is None or r.requested_at < end}
    return sorted((BudgetLine(card_id=k, **vars((lines.get(k) or [money.Totals(c)])[0])) for k, c in first.items()),
                  key=lambda b: b.card_id is not None)
