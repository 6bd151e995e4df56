"""KPIs and agreement."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.initiatives import AgreementSchema, KpiCreateSchema, KpiSchema, kpi_patch_schema
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
