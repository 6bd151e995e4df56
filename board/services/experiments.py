"""The rules of an experiment's life: draft → proposed → running → concluded, or parked."""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..errors import Conflict, Invalid
from ..models import BudgetRequest, Card
from .grants import live_grant
from .kpis import kpis_agreed

TRANSITIONS = {
    "draft": {"proposed", "parked"},
    "proposed": {"draft", "running", "parked"},
    "running": {"concluded", "parked"},
    "concluded": set(),
    "parked": {"draft", "proposed"},
}


def start_blockers(card: Card, audience: str) -> list[str]:
    """Why this experiment may not run yet (empty when it may)."""
    reasons = []
    if not kpis_agreed(card.initiative_id):
        reasons.append("the initiative's KPIs must be agreed by both sides")
    requests = list(session.scalars(select(BudgetRequest).where(BudgetRequest.card_id == card.id)))
    if requests and not any(r.status == "approved" for r in requests):
        reasons.append("one of its budget requests must be approved")
    if audience == "customers" and not live_grant(card.initiative_id, "customers"):
        reasons.append("testing with customers needs a live 'customers' access grant")
    return reasons


def check_status_change(card: Card, data: dict) -> None:
    """Raise unless the change to status, audience, learning or publishing is allowed."""
    new_status = data.get("status") or card.status
    audience = data.get("audience") or card.audience
    if "status" in data and data["status"] is None:
        raise Invalid("status", "An experiment always has a status.")
    if new_status != card.status:
        if new_status not in TRANSITIONS[card.status]:
            allowed = ", ".join(sorted(TRANSITIONS[card.status])) or "nothing (it is concluded)"
            raise Conflict(f"An experiment cannot go from {card.status} to {new_status}; from {card.status} it can go to {allowed}.",
                           code="bad_transition")
        if new_status == "running":
            if blockers := start_blockers(card, audience):
                raise Conflict("This experiment cannot start yet: " + "; ".join(blockers) + ".", code="cannot_start")
    if new_status == "concluded":  # concluding needs the learning, and a concluded card keeps it
        for field in ("learned", "decision"):
            if not (data.get(field) if field in data else getattr(card, field)):
                raise Invalid(field, "Record the learning (observed, learned, decision) to conclude.")
    if card.status == "concluded" and audience != card.audience:
        raise Conflict("A concluded experiment's audience is what it was tested with; it cannot change.",
                       code="concluded")
    if new_status == card.status == "running" and audience != card.audience and audience == "customers":
        if not live_grant(card.initiative_id, "customers"):
            raise Conflict("Testing with customers needs a live 'customers' access grant.", code="needs_grant")
    if data.get("published") and new_status != "concluded":
        raise Invalid("published", "Only a concluded experiment's learning can be published.")
