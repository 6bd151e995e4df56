"""KPIs, their measurements and agreement."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.initiatives import AgreementSchema, KpiCreateSchema, KpiSchema, MeasurementSchema, kpi_patch_schema
from ..services import kpis
from . import PREFIX

blp = Blueprint("kpis", __name__, url_prefix=PREFIX, description="KPIs and both sides' agreement")


@blp.get("/initiatives/<initiative_id>/kpis")
@blp.response(200, KpiSchema(many=True))
def list_kpis(initiative_id):
    """The initiative's KPIs."""
    return kpis.list_for(require_user(), initiative_id)


@blp.post("/initiatives/<initiative_id>/kpis")
@blp.arguments(KpiCreateSchema)
@blp.response(201, KpiSchema)
def create_kpi(data, initiative_id):
    """Add a KPI (withdraws both sides' agreement)."""
    return kpis.create_kpi(require_user(), initiative_id, data)


@blp.patch("/kpis/<kpi_id>")
@blp.arguments(kpi_patch_schema)
@blp.response(200, KpiSchema)
def update_kpi(data, kpi_id):
    """Edit a KPI based on its ``version`` (withdraws both sides' agreement)."""
    return kpis.update_kpi(require_user(), kpi_id, data)


@blp.delete("/kpis/<kpi_id>")
@blp.response(204)
def delete_kpi(kpi_id):
    """Delete a KPI and its measurements (withdraws both sides' agreement)."""
    kpis.delete_kpi(require_user(), kpi_id)


@blp.get("/kpis/<kpi_id>/measurements")
@blp.response(200, MeasurementSchema(many=True))
def list_measurements(kpi_id):
    """Every measurement of the KPI, oldest first."""
    return kpis.list_measurements(require_user(), kpi_id)


@blp.post("/kpis/<kpi_id>/measurements")
@blp.arguments(MeasurementSchema)
@blp.response(201, MeasurementSchema)
def record_measurement(data, kpi_id):
    """Record a measured value of the KPI (the latest by ``measured_at`` is its ``current``)."""
    return kpis.record_measurement(require_user(), kpi_id, data)


@blp.delete("/measurements/<measurement_id>")
@blp.response(204)
def delete_measurement(measurement_id):
    """Remove a measurement (whoever recorded it, or a facilitator)."""
    kpis.delete_measurement(require_user(), measurement_id)


@blp.get("/initiatives/<initiative_id>/kpis/agreement")
@blp.response(200, AgreementSchema)
def get_agreement(initiative_id):
    """Whether both sides agree, and who agreed for each."""
    user = require_user()
    kpis.list_for(user, initiative_id)
    return kpis.agreement(initiative_id)


@blp.post("/initiatives/<initiative_id>/kpis/agree")
@blp.response(200, AgreementSchema)
def agree(initiative_id):
    """The caller agrees to the current KPIs for their side."""
    return kpis.agree(require_user(), initiative_id)
