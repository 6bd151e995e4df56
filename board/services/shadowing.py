"""Shadowing sessions."""
from __future__ import annotations

from sqlalchemy import select

from ..db import session, utcnow
from ..errors import Conflict
from ..models import Initiative, ShadowingSession, User
from ..permissions import scoped
from ..schemas.shadowing import shadowing_schema
from .common import apply, check_version
from .events import record
from .grants import live_grant

NEEDS_CUSTOMERS_GRANT = "Customer contact needs a live 'customers' access grant from the buyer first."


def list_sessions(actor: User, initiative_id: str) -> list[ShadowingSession]:
    """An initiative's shadowing log, latest first."""
    scoped(actor, Initiative, initiative_id)
    return list(session.scalars(
        select(ShadowingSession).where(ShadowingSession.initiative_id == initiative_id)
        .order_by(ShadowingSession.started_at.desc())
    ))


def get_session(actor: User, session_id: str) -> ShadowingSession:
    """One shadowing session."""
    return scoped(actor, ShadowingSession, session_id, what="Shadowing session")[0]


def create_session(actor: User, initiative_id: str, data: dict) -> ShadowingSession:
    """Log a session; the actor is the one who shadowed."""
    initiative, _ = scoped(actor, Initiative, initiative_id, write=True)
    if data.get("customer_contact") and not live_grant(initiative.id, "customers"):
        raise Conflict(NEEDS_CUSTOMERS_GRANT, code="needs_grant")
    data["started_at"] = data.get("started_at") or utcnow()
    s = ShadowingSession(engagement_id=initiative.engagement_id, initiative_id=initiative.id,
                         shadower_id=actor.id, shadower=actor, **data)
    session.add(s)
    session.flush()
    record(actor, initiative.engagement_id, initiative.id, "shadowing.created", shadowing_schema.dump(s))
    return s


def update_session(actor: User, session_id: str, data: dict) -> ShadowingSession:
    """Edit a session based on ``version``."""
    s, _ = scoped(actor, ShadowingSession, session_id, write=True, what="Shadowing session")
    check_version(s, data.pop("version"), shadowing_schema.dump)
    if data.get("customer_contact") and not s.customer_contact and not live_grant(s.initiative_id, "customers"):
        raise Conflict(NEEDS_CUSTOMERS_GRANT, code="needs_grant")
    if "started_at" in data and data["started_at"] is None:
        data.pop("started_at")
    if apply(s, data):
        session.flush()
        record(actor, s.engagement_id, s.initiative_id, "shadowing.updated", shadowing_schema.dump(s))
    return s
