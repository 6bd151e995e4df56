"""The power-ups of SPEC §3 — courage, budget, story — from an initiative's recorded facts, now and in the past.

``gather(initiative_id, now)`` reads the facts; ``compute(facts)`` gives the levels. Inside: ``facts`` (the
values), ``meters`` (levels from facts, pure), ``timeline`` (facts with their times and ``facts_at``, the one
builder of facts for any moment, and ``budget_window``: what counts for ``services.money`` in a period), ``store`` (reading timelines from the database), ``changes`` (which writes can move them) and ``history`` (levels over
time and money per budget).
"""
from .changes import may_change
from .facts import Account, Budget, Experiment, Facts, Grant, Shadowing, Story
from .history import METERS, BudgetLine, Point, budget_lines, history, levels_at
from .meters import compute, money
from .store import gather, gather_timeline
from .timeline import CardState, TimedCard, Timeline, budget_window, facts_at

__all__ = [
    "Account", "Budget", "BudgetLine", "CardState", "Experiment", "Facts", "Grant", "METERS", "Point", "Shadowing",
    "Story", "TimedCard", "Timeline", "budget_lines", "budget_window", "compute", "facts_at", "gather",
    "gather_timeline", "history", "levels_at", "may_change", "money",
]
