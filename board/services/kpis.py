"""KPIs and both sides' agreement on them."""
from __future__ import annotations

from sqlalchemy import delete, select

from ..db import session
from ..errors import Conflict
from ..models import Initiative, Kpi, KpiAgreement, User
from ..permissions import scoped
from ..schemas.initiatives import agreement_schema, kpi_schema
from .common import apply, check_version
from .events import record


def list_kpis(initiative_id: str) -> list[Kpi]:
    """An initiative's KPIs (no permission check: callers have one)."""
    return list(session.scalars(select(Kpi).where(Kpi.initiative_id == initiative_id).order_by(Kpi.created_at)))


def agreement(initiative_id: str) -> dict:
    """``{agreed, buyer, provider, kpis}`` for an initiative."""
    rows = {a.side: a for a in session.scalars(select(KpiAgreement).where(KpiAgreement.initiative_id == initiative_id))}
    kpis = list_kpis(initiative_id)
    return {
        "agreed": bool(kpis) and "buyer" in rows and "provider" in rows,
        "buyer": rows.get("buyer"), "provider": rows.get("provider"), "kpis": kpis,
    }


def kpis_agreed(initiative_id: str) -> bool:
    """Whether a buyer and a provider member have both agreed on the current KPIs."""
    return agreement(initiative_id)["agreed"]


def _serialise(initiative_id: str) -> None:
    """One KPI change or agreement of an initiative at a time (row lock on PostgreSQL; SQLite writes are
    serial anyway): two members of a side agreeing at once is one agreement, not a unique-key error, and
    an agreement never survives a KPI edit that raced it."""
    session.execute(select(Initiative.id).where(Initiative.id == initiative_id).with_for_update())


def _withdraw(actor: User, initiative: Initiative) -> None:
    """Any KPI change withdraws both sides' agreement."""
    gone = session.execute(delete(KpiAgreement).where(KpiAgreement.initiative_id == initiative.id)).rowcount
    if gone:
        record(actor, initiative.engagement_id, initiative.id, "kpis.agreement_withdrawn", {"initiative_id": initiative.id})


def list_for(actor: User, initiative_id: str) -> list[Kpi]:
    """The KPIs of an initiative the actor can see."""
    scoped(actor, Initiative, initiative_id)
    return list_kpis(initiative_id)


def create_kpi(actor: User, initiative_id: str, data: dict) -> Kpi:
    """A new KPI; withdraws any agreement."""
    initiative, _ = scoped(actor, Initiative, initiative_id, write=True)
    _serialise(initiative.id)
    kpi = Kpi(engagement_id=initiative.engagement_id, initiative_id=initiative.id, **data)
    session.add(kpi)
    session.flush()
    _withdraw(actor, initiative)
    record(actor, initiative.engagement_id, initiative.id, "kpi.created", kpi_schema.dump(kpi))
    return kpi


def update_kpi(actor: User, kpi_id: str, data: dict) -> Kpi:
    """Edit a KPI based on ``version``; a real change withdraws both agreements."""
    kpi, _ = scoped(actor, Kpi, kpi_id, write=True, what="KPI")
    _serialise(kpi.initiative_id)
    check_version(kpi, data.pop("version"), kpi_schema.dump)
    if apply(kpi, data):
        session.flush()
        _withdraw(actor, session.get(Initiative, kpi.initiative_id))
        record(actor, kpi.engagement_id, kpi.initiative_id, "kpi.updated", kpi_schema.dump(kpi))
    return kpi


def agree(actor: User, initiative_id: str) -> dict:
    """The actor agrees to the current KPIs for their side."""
    initiative, me = scoped(actor, Initiative, initiative_id, write=True)
    _serialise(initiative.id)
    if not list_kpis(initiative.id):
        raise Conflict("There are no KPIs to agree on yet; add at least one first.")
    existing = session.scalar(
        select(KpiAgreement).where(KpiAgreement.initiative_id == initiative.id, KpiAgreement.side == me.side)
    )
    if existing is None:
        session.add(KpiAgreement(engagement_id=initiative.engagement_id, initiative_id=initiative.id,
                                 side=me.side, user_id=actor.id, user=actor))
        session.flush()
        state = agreement(initiative.id)
        record(actor, initiative.engagement_id, initiative.id, "kpis.agreed",
               {"side": me.side, **agreement_schema.dump(state)})
    return agreement(initiative.id)
