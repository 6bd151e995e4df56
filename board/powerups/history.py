"""Power-ups over time: the levels at any moment, each change of level, and money per budget over a period.
All pure, over a ``Timeline`` (``store.gather_timeline`` reads one).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from .meters import compute
from .timeline import Timeline, facts_at, moments

METERS = ("courage", "budget", "story")


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
