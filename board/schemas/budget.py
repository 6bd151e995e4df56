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
    tranche = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=1, max=99),
                             metadata={"description": "Which tranche of the experiment's plan it funds (1, 2, …); "
                                                      "left out: the next one. None for shadowing."})
    requested_by = Brief()
    requested_at = fields.DateTime(dump_only=True)
    status = fields.String(dump_only=True)
    approved_amount = Money(attribute="approved_cents", dump_only=True, allow_none=True)
    decision = fields.Nested(DecisionSchema, dump_only=True, allow_none=True)
    learned = fields.String(dump_only=True, allow_none=True, metadata={"description": "The tranche's learning."})
    learned_by = Brief(allow_none=True)
    learned_at = fields.DateTime(dump_only=True, allow_none=True)


class TrancheLearningSchema(BaseSchema):
    """What a funded tranche taught: written once, it opens the next tranche."""

    learned = Text(4000, required=True)


class SpendSchema(BaseSchema):
    """Money spent against a card's approved budget."""

    id = fields.String(dump_only=True)
    card_id = fields.String(dump_only=True)
    amount = Money(attribute="amount_cents", required=True)
    currency = fields.String(dump_only=True)
    note = Text(2000, load_default="")
    recorded_by = Brief()
    recorded_at = fields.DateTime(dump_only=True)


class TotalsSchema(BaseSchema):
    """One currency's money (``services.money``): each request counts in exactly one of requested
    (open), approved or rejected."""

    currency = fields.String(dump_only=True)
    requested = Money(attribute="requested_cents", dump_only=True,
                      metadata={"description": "Open: requests still awaiting a sponsor."})
    approved = Money(attribute="approved_cents", dump_only=True)
    rejected = Money(attribute="rejected_cents", dump_only=True,
                     metadata={"description": "What was asked in rejected requests."})
    spent = Money(attribute="spent_cents", dump_only=True)
    remaining = Money(attribute="remaining_cents", dump_only=True, metadata={"description": "Approved minus spent."})
    pending = fields.Integer(dump_only=True, metadata={"description": "How many requests await a sponsor."})


class ExperimentMoneySchema(BaseSchema):
    card_id = fields.String(dump_only=True)
    totals = fields.List(fields.Nested(TotalsSchema), dump_only=True)


class InitiativeMoneySchema(BaseSchema):
    """An initiative's money per currency: in all, per experiment and for shadowing."""

    initiative_id = fields.String(dump_only=True)
    totals = fields.List(fields.Nested(TotalsSchema), dump_only=True)
    experiments = fields.List(fields.Nested(ExperimentMoneySchema), dump_only=True)
    shadowing = fields.List(fields.Nested(TotalsSchema), dump_only=True)


class BudgetQuerySchema(BaseSchema):
    """Filter budget requests by status."""

    status = fields.String(validate=validate.OneOf(("pending", "approved", "rejected")))


budget_request_schema = BudgetRequestSchema()
decision_schema = DecisionSchema()
spend_schema = SpendSchema()
tranche_learning_schema = TrancheLearningSchema()
