"""Budget requests, decisions and spend."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.budget import (BudgetQuerySchema, BudgetRequestSchema, DecisionSchema, InitiativeMoneySchema, SpendSchema,
                              TrancheLearningSchema)
from ..services import budget
from . import PREFIX

blp = Blueprint("budget", __name__, url_prefix=PREFIX, description="Budget: requests, sponsors' decisions, spend")


@blp.post("/cards/<card_id>/budget-requests")
@blp.arguments(BudgetRequestSchema)
@blp.response(201, BudgetRequestSchema)
def request_for_experiment(data, card_id):
    """Request budget for an experiment."""
    return budget.request_budget(require_user(), data, card_id=card_id)


@blp.get("/cards/<card_id>/budget-requests")
@blp.response(200, BudgetRequestSchema(many=True))
def experiment_requests(card_id):
    """An experiment's budget requests."""
    return budget.requests_of(require_user(), card_id=card_id)


@blp.post("/initiatives/<initiative_id>/budget-requests")
@blp.arguments(BudgetRequestSchema)
@blp.response(201, BudgetRequestSchema)
def request_for_shadowing(data, initiative_id):
    """Request budget for an initiative's shadowing."""
    return budget.request_budget(require_user(), data, initiative_id=initiative_id)


@blp.get("/initiatives/<initiative_id>/budget-requests")
@blp.response(200, BudgetRequestSchema(many=True))
def shadowing_requests(initiative_id):
    """An initiative's shadowing budget requests."""
    return budget.requests_of(require_user(), initiative_id=initiative_id)


@blp.get("/engagements/<engagement_id>/budget-requests")
@blp.arguments(BudgetQuerySchema, location="query")
@blp.response(200, BudgetRequestSchema(many=True))
def engagement_requests(query, engagement_id):
    """Every budget request of an engagement (``?status=pending`` for a sponsor's inbox)."""
    return budget.list_requests(require_user(), engagement_id, query.get("status"))


@blp.post("/budget-requests/<request_id>/decision")
@blp.arguments(DecisionSchema)
@blp.response(201, BudgetRequestSchema)
def decide(data, request_id):
    """A sponsor approves (possibly a lower ``amount``) or rejects with a ``comment``."""
    return budget.decide(require_user(), request_id, data)


@blp.post("/cards/<card_id>/spend")
@blp.arguments(SpendSchema)
@blp.response(201, SpendSchema)
def spend_for_experiment(data, card_id):
    """Record spend against an experiment's approved budget (more than approved is 409)."""
    return budget.record_spend(require_user(), data, card_id=card_id)


@blp.get("/cards/<card_id>/spend")
@blp.response(200, SpendSchema(many=True))
def experiment_spend(card_id):
    """An experiment's spend."""
    return budget.list_spend(require_user(), card_id=card_id)


@blp.post("/initiatives/<initiative_id>/spend")
@blp.arguments(SpendSchema)
@blp.response(201, SpendSchema)
def spend_for_shadowing(data, initiative_id):
    """Record spend against an initiative's approved shadowing budget."""
    return budget.record_spend(require_user(), data, initiative_id=initiative_id)


@blp.get("/initiatives/<initiative_id>/spend")
@blp.response(200, SpendSchema(many=True))
def shadowing_spend(initiative_id):
    """An initiative's shadowing spend."""
    return budget.list_spend(require_user(), initiative_id=initiative_id)


@blp.post("/budget-requests/<request_id>/learning")
@blp.arguments(TrancheLearningSchema)
@blp.response(200, BudgetRequestSchema)
def write_learning(data, request_id):
    """Write a funded tranche's learning card; the experiment's next tranche can then be requested."""
    return budget.write_learning(require_user(), request_id, data)


@blp.get("/initiatives/<initiative_id>/money")
@blp.response(200, InitiativeMoneySchema)
def initiative_money(initiative_id):
    """Requested (open), approved, rejected, spent and remaining per currency: in all, per experiment,
    for shadowing — the numbers the board, the reports and the exports show."""
    return budget.money_of(require_user(), initiative_id)
