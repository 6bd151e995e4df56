"""What the power-ups of one initiative depend on, at one moment: plain values, no database."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Grant:
    scope: str
    live: bool
    granted_by: str
    granted_at: datetime


@dataclass(frozen=True)
class Shadowing:
    id: str
    host: str
    customer_contact: bool
    started_at: datetime


@dataclass(frozen=True)
class Story:
    title: str
    told: bool
    evidence_sessions: frozenset  # shadowing session ids of the cited observations ("": no session)


@dataclass(frozen=True)
class Experiment:
    title: str
    audience: str
    status: str
    published: bool


@dataclass(frozen=True)
class Budget:
    """One budget request."""

    label: str  # the experiment's title, or "shadowing"
    for_experiment: bool
    status: str
    approved_cents: int
    currency: str


@dataclass(frozen=True)
class Account:
    """What was approved and spent for one experiment, or for shadowing."""

    label: str
    approved_cents: int
    spent_cents: int
    currency: str = ""  # each budget keeps one currency; an experiment's may differ from shadowing's


@dataclass
class Facts:
    """Everything the power-ups depend on, for one initiative."""

    grants: list[Grant] = field(default_factory=list)
    sessions: list[Shadowing] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    experiments: list[Experiment] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
