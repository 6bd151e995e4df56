"""Initiatives, KPIs, KPI agreement and access grants."""
from marshmallow import fields, validate

from ..models.initiative import GRANT_SCOPES, INITIATIVE_STATUSES
from .common import BaseSchema, Brief, Name, Number, Text, When, patch


class InitiativeSchema(BaseSchema):
    """An initiative; ``seq`` is the number of its latest event."""

    id = fields.String(dump_only=True)
    engagement_id = fields.String(dump_only=True)
    title = Name(200, required=True)
    problem = Text(load_default="")
    outcome = Text(load_default="")
    status = fields.String(validate=validate.OneOf(INITIATIVE_STATUSES), load_default="framing")
    seq = fields.Integer(dump_only=True, attribute="last_seq")
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)
    version = fields.Integer(required=True, strict=True)


class InitiativeCreateSchema(InitiativeSchema):
    """Create: ``version`` is the server's."""

    version = fields.Integer(dump_only=True)


class MeasurementSchema(BaseSchema):
    """A KPI's value measured at ``measured_at`` (default: now), optionally during an experiment."""

    id = fields.String(dump_only=True)
    kpi_id = fields.String(dump_only=True)
    value = Number(allow_nan=False, required=True)
    measured_at = When(metadata={"description": "When it was measured; default now; not in the future."})
    note = Text(load_default="")
    experiment_id = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=24),
                                  metadata={"description": "An experiment card of the same initiative."})
    created_by = Brief()
    created_at = fields.DateTime(dump_only=True)


class KpiSchema(BaseSchema):
    """A KPI: name, unit, baseline, target, and its ``current`` (latest measured) value."""

    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    name = Name(200, required=True)
    unit = Text(40, load_default="")
    baseline = Number(allow_nan=False, allow_none=True, load_default=None)
    target = Number(allow_nan=False, allow_none=True, load_default=None)
    current = fields.Nested(MeasurementSchema, dump_only=True, allow_none=True,
                            metadata={"description": "The latest measurement by measured_at, or null."})
    measurement_count = fields.Integer(dump_only=True)
    measurements = fields.List(fields.Nested(MeasurementSchema), dump_only=True, attribute="recent_measurements",
                               metadata={"description": "The latest measurements (up to 24), oldest first."})
    created_at = fields.DateTime(dump_only=True)
    version = fields.Integer(required=True, strict=True)


class KpiCreateSchema(KpiSchema):
    """Create: ``version`` is the server's."""

    version = fields.Integer(dump_only=True)


class SideAgreementSchema(BaseSchema):
    """Who agreed for a side, and when."""

    user = Brief()
    agreed_at = fields.DateTime(dump_only=True)


class AgreementSchema(BaseSchema):
    """Whether both sides agree on the initiative's current KPIs."""

    agreed = fields.Boolean(dump_only=True)
    buyer = fields.Nested(SideAgreementSchema, allow_none=True, dump_only=True)
    provider = fields.Nested(SideAgreementSchema, allow_none=True, dump_only=True)
    kpis = fields.List(fields.Nested(KpiCreateSchema), dump_only=True)


class AccessGrantSchema(BaseSchema):
    """An access grant (courage): ``scope`` and optional ``expires_at``."""

    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    scope = fields.String(required=True, validate=validate.OneOf(GRANT_SCOPES))
    expires_at = When(allow_none=True, load_default=None)
    granted_by = Brief()
    granted_at = fields.DateTime(dump_only=True)
    revoked_by = Brief(allow_none=True)
    revoked_at = fields.DateTime(dump_only=True, allow_none=True)
    live = fields.Boolean(dump_only=True, attribute="live_now")


initiative_create_schema = InitiativeCreateSchema()
initiative_schema = InitiativeSchema()
initiative_patch_schema = patch(InitiativeSchema)
kpi_create_schema = KpiCreateSchema()
kpi_schema = KpiSchema()
kpi_patch_schema = patch(KpiSchema)
measurement_schema = MeasurementSchema()
grant_schema = AccessGrantSchema()
agreement_schema = AgreementSchema()
