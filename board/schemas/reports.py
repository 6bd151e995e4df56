"""The quarterly review (the sponsor report and the CSV are documents, not JSON)."""
from marshmallow import fields, validate

from .common import BaseSchema, Money
from .events import PowerUpsSchema


class ReviewQuerySchema(BaseSchema):
    """``quarter`` like ``2026-Q4``; the current quarter when left out."""

    quarter = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-Q[1-4]$",
                                                                       error="A quarter like 2026-Q4."))


class BriefEngagementSchema(BaseSchema):
    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    buyer_name = fields.String(dump_only=True)
    provider_name = fields.String(dump_only=True)


class MoneyTotalsSchema(BaseSchema):
    """Money of one currency; each request counts in exactly one of requested, approved or rejected."""

    currency = fields.String(dump_only=True)
    requested = Money(dump_only=True, metadata={"description": "Open: requests still awaiting a sponsor."})
    approved = Money(dump_only=True, metadata={"description": "What sponsors approved (maybe less than asked)."})
    rejected = Money(dump_only=True, metadata={"description": "What was asked in rejected requests."})
    spent = Money(dump_only=True)
    remaining = Money(dump_only=True, metadata={"description": "Approved minus spent."})


class ReviewBudgetSchema(BaseSchema):
    """Money in the quarter and up to its end, per currency (open requests as they stood at the end;
    approvals, rejections and spend when they happened); requests pending."""

    pending = fields.Integer(dump_only=True, metadata={"description": "Requests awaiting a sponsor at the end."})
    quarter = fields.List(fields.Nested(MoneyTotalsSchema), dump_only=True)
    to_date = fields.List(fields.Nested(MoneyTotalsSchema), dump_only=True)


class MomentSchema(BaseSchema):
    """A card and when it started or was told."""

    id = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    at = fields.DateTime(dump_only=True)


class ConclusionSchema(MomentSchema):
    """An experiment concluded, with its decision and learning."""

    decision = fields.String(dump_only=True, allow_none=True)
    learned = fields.String(dump_only=True, allow_none=True)


class KpiValueSchema(BaseSchema):
    """A KPI's value measured at a moment."""

    value = fields.Float(dump_only=True)
    measured_at = fields.DateTime(dump_only=True)


class KpiReviewSchema(BaseSchema):
    """A KPI as baseline → current → target, ``current`` being its latest value measured by the review's
    ``as_of`` (null if none); ``measurements``: the latest (up to 24) by then, oldest first."""

    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    unit = fields.String(dump_only=True)
    baseline = fields.Float(dump_only=True, allow_none=True)
    target = fields.Float(dump_only=True, allow_none=True)
    current = fields.Nested(KpiValueSchema, dump_only=True, allow_none=True)
    measurements = fields.List(fields.Nested(KpiValueSchema), dump_only=True)


class InitiativeReviewSchema(BaseSchema):
    """One initiative in the quarter; power-ups as they stood at the review's ``as_of``."""

    id = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    status = fields.String(dump_only=True)
    power_ups = fields.Nested(PowerUpsSchema, dump_only=True)
    budget = fields.Nested(ReviewBudgetSchema, dump_only=True)
    experiments_started = fields.List(fields.Nested(MomentSchema), dump_only=True)
    experiments_concluded = fields.List(fields.Nested(ConclusionSchema), dump_only=True)
    stories_told = fields.List(fields.Nested(MomentSchema), dump_only=True)
    kpis = fields.List(fields.Nested(KpiReviewSchema), dump_only=True)


class ReviewSchema(BaseSchema):
    """The quarterly review of an engagement."""

    engagement = fields.Nested(BriefEngagementSchema, dump_only=True)
    quarter = fields.String(dump_only=True)
    starts_at = fields.DateTime(dump_only=True)
    ends_at = fields.DateTime(dump_only=True, metadata={"description": "The first moment after the quarter."})
    as_of = fields.DateTime(dump_only=True, metadata={"description": "When the power-ups are taken: the quarter's "
                                                                     "end, or now for the current quarter."})
    initiatives = fields.List(fields.Nested(InitiativeReviewSchema), dump_only=True)
