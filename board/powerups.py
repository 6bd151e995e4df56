"""The power-ups of SPEC §3 — courage, budget, story — as pure functions of recorded facts.

Levels are cumulative: a level counts only when every lower level holds too. ``gather`` reads
the facts of one initiative from the database; ``compute`` turns facts into levels.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from .db import session, utcnow
from .models import AccessGrant, BudgetRequest, Card, CardLink, ShadowingSession, Spend


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
    evidence_sessions: frozenset  # shadowing session ids of the cited observations (None: no session)


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


def money(cents: int, currency: str) -> str:
    """An amount as people read it: ``1,234.50 EUR``."""
    return f"{cents / 100:,.2f} {currency}"


def _level(steps: list[tuple[list[str], str]]) -> dict:
    """Climb the steps while each has facts; ``next`` says what the first missing step needs."""
    facts: list[str] = []
    for level, (found, need) in enumerate(steps):
        if not found:
            return {"level": level, "facts": facts, "next": need}
        facts.extend(found)
    return {"level": len(steps), "facts": facts, "next": None}


def courage(f: Facts) -> dict:
    """Process grant → customers grant and a shadowing session with customers → a customer experiment."""
    process = [f"Live 'process' access granted by {g.granted_by} on {g.granted_at:%Y-%m-%d}"
               for g in f.grants if g.scope == "process" and g.live]
    customers = [f"Live 'customers' access granted by {g.granted_by} on {g.granted_at:%Y-%m-%d}"
                 for g in f.grants if g.scope == "customers" and g.live]
    contact = [f"Shadowed {s.host} with customers in contact on {s.started_at:%Y-%m-%d}"
               for s in f.sessions if s.customer_contact]
    with_customers = [f"Experiment '{e.title}' with customers is {e.status}"
                      for e in f.experiments if e.audience == "customers" and e.status in ("running", "concluded")]
    return _level([
        (process, "The buyer grants 'process' access (shadow staff and processes)."),
        (customers + contact if customers and contact else [],
         "A live 'customers' grant and a shadowing session with customer contact."),
        (with_customers, "Run an experiment with customers."),
    ])


def budget(f: Facts) -> dict:
    """Any approval → approval for an experiment → nothing pending and spend within approvals."""
    approved = [b for b in f.budgets if b.approved_cents > 0]
    pending = [b for b in f.budgets if b.status == "pending"]
    over = [a for a in f.accounts if a.spent_cents > a.approved_cents]
    settled = []
    if f.budgets and not pending and not over:
        default = f.budgets[0].currency
        settled = ["No budget request pending"] + [
            f"{money(a.spent_cents, a.currency or default)} of {money(a.approved_cents, a.currency or default)}"
            f" spent for {a.label}"
            for a in f.accounts if a.approved_cents]
    return _level([
        ([f"{money(b.approved_cents, b.currency)} approved for {b.label}" for b in approved],
         "A sponsor approves a budget."),
        ([f"Budget approved for experiment {b.label}" for b in approved if b.for_experiment],
         "A sponsor approves budget for an experiment."),
        (settled, f"Decide the {len(pending)} pending request(s)." if pending else "Keep spend within approvals."),
    ])


def story(f: Facts) -> dict:
    """An evidenced story → three from two sessions, or one told → a published learning."""
    evidenced = [s for s in f.stories if s.evidence_sessions]
    first = [f"Story '{s.title}' is evidenced by observations" for s in evidenced[:1]]
    sessions = {sid for s in evidenced for sid in s.evidence_sessions if sid}
    wide = ([f"{len(evidenced)} evidenced stories from {len(sessions)} shadowing sessions"]
            if len(evidenced) >= 3 and len(sessions) >= 2 else [])
    told = [f"Story '{s.title}' was told to the sponsor" for s in f.stories if s.told]
    published = [f"Learning of '{e.title}' is published in the sponsor report"
                 for e in f.experiments if e.status == "concluded" and e.published]
    return _level([
        (first, "Link a story to at least one observation."),
        (wide + told, "Three evidenced stories from two shadowing sessions, or tell one story to the sponsor."),
        (published, "Publish a concluded experiment's learning in the sponsor report."),
    ])


def compute(f: Facts) -> dict:
    """``{courage, budget, story}``, each ``{level, facts, next}``."""
    return {"courage": courage(f), "budget": budget(f), "story": story(f)}


# Which recorded changes can move the facts ``gather`` reads: keep the two in step. A card counts by
# its kind and the fields its event says changed (moves, text, tags, clusters cannot); the other
# events by type. Comments, KPIs, workshops, votes and library entries never do.
FACT_FIELDS = {
    "observation": frozenset({"shadowing_session_id"}),  # which sessions a story citing it is evidenced from
    "story": frozenset({"title", "told", "evidence"}),
    "experiment": frozenset({"title", "audience", "status", "published"}),
}
ALWAYS = frozenset({
    "grant.created", "grant.revoked", "shadowing.created", "shadowing.updated",
    "budget.requested", "budget.decided", "spend.recorded",
    "card.deleted", "card.restored",  # a cited observation or a story, experiment or budget's card
})


def may_change(event: dict) -> bool:
    """Whether a recorded event (its wire form) can change its initiative's power-ups."""
    type_, data = event["type"], event["data"]
    if type_ in ALWAYS:
        return True
    if type_ == "card.updated":
        return not FACT_FIELDS.get(data.get("kind"), frozenset()).isdisjoint(data.get("changed", ()))
    if type_ == "card.created":  # nothing cites a new card; a new experiment is a draft or proposed
        return data.get("kind") == "story" and bool(data.get("evidence") or data.get("told"))
    return False


def gather(initiative_id: str, now: datetime | None = None) -> Facts:
    """Read one initiative's facts from the database (``may_change`` says which writes move them)."""
    now = now or utcnow()
    grants = session.scalars(select(AccessGrant).where(AccessGrant.initiative_id == initiative_id))
    sessions = list(session.scalars(select(ShadowingSession).where(ShadowingSession.initiative_id == initiative_id)))
    cards = list(session.scalars(select(Card).where(Card.initiative_id == initiative_id, Card.deleted_at.is_(None))
                                 .order_by(Card.created_at, Card.id)))
    by_id = {c.id: c for c in cards}
    links = session.execute(select(CardLink.from_card_id, CardLink.to_card_id)
                            .join(Card, Card.id == CardLink.from_card_id).where(Card.initiative_id == initiative_id))
    evidence: dict[str, set] = {}
    for story_id, obs_id in links:
        obs = by_id.get(obs_id)
        if obs is not None and obs.kind == "observation":
            evidence.setdefault(story_id, set()).add(obs.shadowing_session_id or "")
    spent: dict[str | None, int] = {}
    for sp in session.scalars(select(Spend).where(Spend.initiative_id == initiative_id)):
        spent[sp.card_id] = spent.get(sp.card_id, 0) + sp.amount_cents
    requests = list(session.scalars(select(BudgetRequest).where(BudgetRequest.initiative_id == initiative_id)
                                    .order_by(BudgetRequest.requested_at)))
    approved: dict[str | None, int] = {}
    currency: dict[str | None, str] = {}
    for r in requests:
        approved[r.card_id] = approved.get(r.card_id, 0) + r.approved_cents
        currency.setdefault(r.card_id, r.currency)

    def label(card_id: str | None) -> str:
        card = by_id.get(card_id) if card_id else None
        return f"'{card.title}'" if card else ("an experiment" if card_id else "shadowing")

    return Facts(
        grants=[Grant(g.scope, g.live(now), g.granted_by.name, g.granted_at) for g in grants],
        sessions=[Shadowing(s.id, s.host, s.customer_contact, s.started_at) for s in sessions],
        stories=[Story(c.title or "", c.told, frozenset(evidence.get(c.id, ()))) for c in cards if c.kind == "story"],
        experiments=[Experiment(c.title or "", c.audience or "staff", c.status or "draft", c.published)
                     for c in cards if c.kind == "experiment"],
        budgets=[Budget(label(r.card_id), r.card_id is not None, r.status, r.approved_cents, r.currency)
                 for r in requests],
        accounts=[Account(label(k), approved.get(k, 0), spent.get(k, 0), currency.get(k, ""))
                  for k in sorted(approved.keys() | spent.keys(), key=lambda k: k or "")],
    )
