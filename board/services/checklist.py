"""The first-run checklist of an engagement, ticked from recorded facts (never by hand)."""
from __future__ import annotations

from sqlalchemy import exists, func, or_, select

from ..db import session, utcnow
from ..models import AccessGrant, Card, Initiative, Kpi, KpiAgreement, Membership, ShadowingSession, User
from ..permissions import member_or_404


def _any(model, engagement_id: str, *where) -> bool:
    return bool(session.scalar(select(exists().where(model.engagement_id == engagement_id, *where))))


def _kpis_agreed(engagement_id: str) -> bool:
    """Some initiative has KPIs that a buyer and a provider member both agreed to."""
    sides = (select(KpiAgreement.initiative_id).where(KpiAgreement.engagement_id == engagement_id)
             .group_by(KpiAgreement.initiative_id).having(func.count(func.distinct(KpiAgreement.side)) == 2))
    return _any(Kpi, engagement_id, Kpi.initiative_id.in_(sides))


def checklist(actor: User, engagement_id: str) -> dict:
    """``{steps: [{key, title, done, detail}], done, total}`` for a member of the engagement."""
    me = member_or_404(actor, engagement_id)
    other = "provider" if me.side == "buyer" else "buyer"
    sides = set(session.scalars(select(Membership.side).where(Membership.engagement_id == engagement_id)))
    now = utcnow()
    steps = [
        ("members", f"Invite the {other} side", "buyer" in sides and "provider" in sides,
         f"Someone of the {other} side accepts an invitation (Settings → Invite)."),
        ("initiative", "Frame a first initiative", _any(Initiative, engagement_id),
         "A problem worth solving together, with the outcome you want."),
        ("kpis", "Agree the KPIs", _kpis_agreed(engagement_id),
         "Both sides agree the same measures before an experiment starts."),
        ("grant", "Grant access", _any(AccessGrant, engagement_id, AccessGrant.revoked_at.is_(None),
                                       or_(AccessGrant.expires_at.is_(None), AccessGrant.expires_at > now)),
         "A buyer member lets the provider shadow processes or meet customers."),
        ("shadowing", "Log a first shadowing session", _any(ShadowingSession, engagement_id),
         "Sit beside an agent or a customer and capture what you see."),
        ("experiment", "Draft a first experiment", _any(Card, engagement_id, Card.kind == "experiment",
                                                       Card.deleted_at.is_(None)),
         "A small test of an idea: hypothesis, test, metric and criterion."),
    ]
    views = [{"key": k, "title": t, "done": d, "detail": detail} for k, t, d, detail in steps]
    return {"steps": views, "done": sum(v["done"] for v in views), "total": len(views)}
