"""Budget requests, decisions and spend."""
from marshmallow import fields, validate

from .common import BaseSchema, Brief, Money, Text


class DecisionSchema(BaseSchema):
    """A sponsor's decision: ``approve``, optional lower ``amount``, ``comment``."""

    approve = fields.Boolean(required=True)
    amount = Money(attribute="amount_cents", load_default=None, allow_none=True)
    comment = Text(2000, load_default="")
    decided_by = Brief()
    decided_at = fields.DateTime(dump_only=True)


class BudgetRequestSchema(BaseSchema):
    """A request for money against an experiment card."""

    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    card_id = fields.String(dump_only=True, allow_none=True)  # null for a shadowing session's request
    amount = Money(attribute="amount_cents", required=True)
    currency = fields.String(required=True, validate=validate.Regexp(r"^[A-Z]{3}$", error="A 3-letter ISO code, e.g. EUR."))
    purpose = Text(2000, load_default="")
    requested_by = Brief()
    requested_at = fields.DateTime(dump_only=True)
    status = fields.String(dump_only=True)
    approved_amount = Money(attribute="approved_cents", dump_only=True, allow_none=True)
    decision = fields.Nested(DecisionSchema, dump_only=True, allow_none=True)


class SpendSchema(BaseSchema):
    """Money spent against a card's approved budget."""

    id = fields.String(dump_only=True)
    card_id = fields.String(dump_only=True)
    amount = Money(attribute="amount_cents", required=True)
    currency = fields.String(dump_only=True)
    note = Text(2000, load_default="")
    recorded_by = Brief()
    recorded_at = fields.DateTime(dump_only=True)


class BudgetQuerySchema(BaseSchema):
    """Filter budget requests by status."""

    status = fields.String(validate=validate.OneOf(("pending", "approved", "rejected")))


budget_request_schema = BudgetRequestSchema()
decision_schema = DecisionSchema()
spend_schema = SpendSchema()
