"""KPIs, their measurements over time and both sides' agreement on them."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select

from ..db import session, utcnow
from ..errors import Conflict, Invalid
from ..models import Card, Initiative, Kpi, KpiAgreement, KpiMeasurement, User
from ..permissions import require_adder_or_facilitator, scoped
from ..schemas.initiatives import agreement_schema, kpi_schema, measurement_schema
from .card_events import event_view, record_card
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


def delete_kpi(actor: User, kpi_id: str) -> None:
    """Delete a KPI and its measurements; withdraws both agreements."""
    kpi, _ = scoped(actor, Kpi, kpi_id, write=True, what="KPI")
    _serialise(kpi.initiative_id)
    gone = {"id": kpi.id, "initiative_id": kpi.initiative_id, "name": kpi.name}
    _uncite(actor, [m.id for m in kpi.measurements])
    session.delete(kpi)
    session.flush()
    _withdraw(actor, session.get(Initiative, gone["initiative_id"]))
    record(actor, kpi.engagement_id, gone["initiative_id"], "kpi.deleted", gone)


def _uncite(actor: User, measurement_ids: list[str]) -> None:
    """Learnings citing these measurements (about to go) cite none: each card changes, with its event."""
    if not measurement_ids:
        return
    now = utcnow()
    for card in session.scalars(select(Card).where(Card.measurement_id.in_(measurement_ids))):
        card.measurement_id, card.updated_at = None, now
        session.flush()  # the card's new version for its event
        record_card(actor, card, "card.updated", {**event_view(card), "changed": ["measurement_id"]})


# how far ahead of the server's clock a measurement's time may be (the measuring device's clock)
CLOCK_SKEW = timedelta(minutes=5)


def _experiment(kpi: Kpi, card_id: str | None) -> str | None:
    """``card_id`` if it is a live experiment card of the KPI's initiative, else a 422 naming the field."""
    if card_id is None:
        return None
    card = session.get(Card, card_id)
    if card is None or card.initiative_id != kpi.initiative_id or card.deleted_at or card.kind != "experiment" \
            or card.private:
        raise Invalid("experiment_id", "Not an experiment card on this initiative's board.")
    return card.id


def _measured(actor: User, kpi: Kpi, type_: str, data: dict) -> None:
    """Record a measurement event: the KPI as it now stands (with its ``current``) and what changed."""
    session.flush()
    session.expire(kpi, ["measurements"])  # re-read in measured order
    record(actor, kpi.engagement_id, kpi.initiative_id, type_, {"kpi": kpi_schema.dump(kpi), **data})


def list_measurements(actor: User, kpi_id: str) -> list[KpiMeasurement]:
    """Every measurement of a KPI the actor can see, oldest first."""
    return scoped(actor, Kpi, kpi_id, what="KPI")[0].measurements


def record_measurement(actor: User, kpi_id: str, data: dict) -> KpiMeasurement:
    """A KPI's value measured now or at ``measured_at`` (not in the future); the KPI and its agreement stay."""
    kpi, _ = scoped(actor, Kpi, kpi_id, write=True, what="KPI")
    now = utcnow()
    measured_at = data.get("measured_at") or now
    if measured_at > now + CLOCK_SKEW:
        raise Invalid("measured_at", "A measurement cannot be in the future.")
    measurement = KpiMeasurement(
        engagement_id=kpi.engagement_id, initiative_id=kpi.initiative_id, kpi_id=kpi.id, value=data["value"],
        measured_at=measured_at, note=data.get("note") or "", experiment_id=_experiment(kpi, data.get("experiment_id")),
        created_by_id=actor.id, created_by=actor, created_at=now,
    )
    session.add(measurement)
    session.flush()  # its id, for the event
    _measured(actor, kpi, "kpi.measured", {"measurement": measurement_schema.dump(measurement)})
    return measurement


def delete_measurement(actor: User, measurement_id: str) -> None:
    """Remove a measurement: whoever recorded it, or a facilitator. A learning citing it cites nothing."""
    measurement, me = scoped(actor, KpiMeasurement, measurement_id, what="Measurement")
    require_adder_or_facilitator(actor, me, measurement.created_by_id, "a measurement", "not_measurement_author")
    kpi = measurement.kpi
    _uncite(actor, [measurement.id])
    session.delete(measurement)
    _measured(actor, kpi, "kpi.measurement_deleted", {"measurement_id": measurement_id})


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
