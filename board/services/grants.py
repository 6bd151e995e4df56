"""Access grants: the buyer's courage to let the provider close."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..db import session, utcnow
from ..errors import Conflict, Invalid
from ..models import AccessGrant, Initiative, User
from ..permissions import GRANT_ACCESS, require, scoped
from ..schemas.initiatives import grant_schema
from .events import record



def grants_of(initiative_id: str) -> list[AccessGrant]:
    """Every grant of an initiative, newest first."""
    return list(session.scalars(
        select(AccessGrant).where(AccessGrant.initiative_id == initiative_id).order_by(AccessGrant.granted_at.desc())
    ))


def live_grant(initiative_id: str, scope: str, at: datetime | None = None) -> AccessGrant | None:
    """A grant of ``scope`` live at ``at`` (now by default)."""
    at = at or utcnow()
    return next((g for g in grants_of(initiative_id) if g.scope == scope and g.live(at)), None)


def _view(grant: AccessGrant) -> AccessGrant:
    grant.live_now = grant.live(utcnow())
    return grant


def dump(grant: AccessGrant) -> dict:
    """A grant's wire form, with ``live`` computed now."""
    return grant_schema.dump(_view(grant))


def grant_views(actor: User, initiative_id: str) -> list[AccessGrant]:
    """An initiative's grants with whether each is live (``live_now``), for a schema to dump."""
    scoped(actor, Initiative, initiative_id)
    return [_view(g) for g in grants_of(initiative_id)]


def list_grants(actor: User, initiative_id: str) -> list[dict]:
    """An initiative's grants with whether each is live, already in wire form."""
    return [grant_schema.dump(g) for g in grant_views(actor, initiative_id)]


def grant(actor: User, initiative_id: str, data: dict) -> AccessGrant:
    """A buyer member grants ``process`` or ``customers`` access, optionally until ``expires_at``."""
    initiative, me = scoped(actor, Initiative, initiative_id, write=True)
    require(me, GRANT_ACCESS)
    if data.get("expires_at") and data["expires_at"] <= utcnow():
        raise Invalid("expires_at", "Must be in the future.")
    g = AccessGrant(engagement_id=initiative.engagement_id, initiative_id=initiative.id,
                    granted_by_id=actor.id, granted_by=actor, granted_at=utcnow(), **data)
    session.add(g)
    session.flush()
    record(actor, initiative.engagement_id, initiative.id, "grant.created", dump(g))
    return _view(g)  # a model for the API's schema: returning a dump made it dump twice (a 500)


def revoke(actor: User, grant_id: str) -> AccessGrant:
    """A buyer member revokes a grant; revoking twice is a conflict."""
    g, me = scoped(actor, AccessGrant, grant_id, write=True, what="Access grant")
    require(me, GRANT_ACCESS)
    if g.revoked_at is not None:
        raise Conflict("This grant is already revoked.", current=dump(g))
    g.revoked_at, g.revoked_by_id, g.revoked_by = utcnow(), actor.id, actor
    session.flush()
    record(actor, g.engagement_id, g.initiative_id, "grant.revoked", dump(g))
    return _view(g)
