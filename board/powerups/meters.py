"""The three meters — courage, budget, story — as pure functions of ``Facts``.

Levels are cumulative: a level counts only when every lower level holds too.
"""
from __future__ import annotations

from ..services.money import text as money
from .facts import Facts


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
        (settled, (f"A sponsor decides the pending request{'s' if len(pending) > 1 else ''}." if pending
                   else "Keep spend within approvals.")),
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
