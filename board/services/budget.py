"""Budget: requests, sponsors' decisions (never by the requester) and spend within approvals.

A budget belongs to an experiment card, or to an initiative's shadowing (``card_id`` empty). An
experiment is funded in tranches (metered funding): tranche N+1 can be requested once an approved
request of tranche N has its learning written (``write_learning``). Totals come from ``money``.
"""
from __future__ import annotations

from sqlalchemy import select

from ..db import session, utcnow
from ..errors import Conflict, Invalid
from ..models import BudgetRequest, Card, Decision, Initiative, Spend, User
from ..permissions import (DECIDE_BUDGET, holders, member_or_404, require, require_not_approver,
                           require_not_own_request, scoped)
from ..schemas.budget import budget_request_schema, spend_schema
from . import money, notifications, reflect
from .events import record


def _target(actor: User, card_id: str | None, initiative_id: str | None, write: bool) -> tuple[str, str | None, str]:
    """(initiative id, card id or None, engagement id) of a budget's owner, checked for the actor."""
    if card_id is not None:
        card, _ = scoped(actor, Card, card_id, write=write)
        if write:
            reflect.refuse_private(card, "Asking for a budget")
        if write and card.kind != "experiment":
            raise Invalid("card", "Budget is requested against an experiment card (or the initiative, for shadowing).")
        return card.initiative_id, card.id, card.engagement_id
    initiative, _ = scoped(actor, Initiative, initiative_id, write=write)
    return initiative.id, None, initiative.engagement_id


def _requests(initiative_id: str, card_id: str | None) -> list[BudgetRequest]:
    where = BudgetRequest.card_id.is_(None) if card_id is None else BudgetRequest.card_id == card_id
    return list(session.scalars(select(BudgetRequest).where(BudgetRequest.initiative_id == initiative_id, where)
                                .order_by(BudgetRequest.requested_at)))


def _tranche(card_id: str | None, requests: list[BudgetRequest], asked: int | None) -> int | None:
    """The tranche a new request funds: ``asked``, else the latest funded tranche while its learning
    is unwritten (more for the same tranche), else the next one. Tranche N+1 is refused until an
    approved request of tranche N has its learning written."""
    if card_id is None:
        if asked is not None:
            raise Invalid("tranche", "Shadowing budget has no tranches; leave tranche out.")
        return None
    funded = [r for r in requests if r.status == "approved"]
    latest = max((r.tranche or 1 for r in funded), default=0)
    learned = any(r.learned for r in funded if (r.tranche or 1) == latest)
    n = asked or (latest + 1 if learned or not latest else latest)
    if n > 1:
        previous = [r for r in funded if (r.tranche or 1) == n - 1]
        if not any(r.learned for r in previous):
            step = f"tranche {n - 1} is approved and its" if not previous else f"tranche {n - 1}'s"
            raise Invalid("tranche", f"Tranche {n} can be requested once {step} learning card is written"
                                     f" (metered funding: each tranche is funded on what the last one taught).")
    return n


def request_budget(actor: User, data: dict, *, card_id: str | None = None, initiative_id: str | None = None) -> BudgetRequest:
    """Ask the sponsors for money for an experiment (``card_id``) or for shadowing (``initiative_id``)."""
    init_id, card_id, engagement_id = _target(actor, card_id, initiative_id, write=True)
    requests = _requests(init_id, card_id)
    currencies = {r.currency for r in requests}
    if currencies and data["currency"] not in currencies:
        raise Invalid("currency", f"This budget is in {currencies.pop()}; use the same currency.")
    data = {**data, "tranche": _tranche(card_id, requests, data.get("tranche"))}
    req = BudgetRequest(engagement_id=engagement_id, initiative_id=init_id, card_id=card_id,
                        requested_by_id=actor.id, requested_by=actor, **data)
    session.add(req)
    session.flush()
    record(actor, engagement_id, init_id, "budget.requested", budget_request_schema.dump(req))
    tranche = f" (tranche {req.tranche})" if req.tranche and req.tranche > 1 else ""
    notifications.send(holders(engagement_id, DECIDE_BUDGET), "budget_pending",
                       f"{actor.name} asks for {money.text(req.amount_cents, req.currency)}{tranche}: {req.purpose[:200]}",
                       engagement_id=engagement_id, initiative_id=init_id, card_id=card_id, request_id=req.id,
                       actor=actor)
    return req


def list_requests(actor: User, engagement_id: str, status: str | None = None) -> list[BudgetRequest]:
    """An engagement's budget requests, oldest first, optionally by status."""
    member_or_404(actor, engagement_id)
    rows = session.scalars(select(BudgetRequest).where(BudgetRequest.engagement_id == engagement_id)
                           .order_by(BudgetRequest.requested_at))
    return [r for r in rows if status is None or r.status == status]


def requests_of(actor: User, *, card_id: str | None = None, initiative_id: str | None = None) -> list[BudgetRequest]:
    """The budget requests of one experiment, or of an initiative's shadowing."""
    return _requests(*_target(actor, card_id, initiative_id, write=False)[:2])


def decide(actor: User, request_id: str, data: dict) -> BudgetRequest:
    """A sponsor approves (possibly less) or rejects; never their own request; never twice."""
    req, me = scoped(actor, BudgetRequest, request_id, write=True, what="Budget request")
    require(me, DECIDE_BUDGET)
    require_not_own_request(actor, req.requested_by_id)
    if req.decision is not None:
        raise Conflict("This request is already decided; decisions are never edited — make a new request.",
                       current=budget_request_schema.dump(req))
    amount = data.get("amount_cents")
    if data["approve"]:
        amount = req.amount_cents if amount is None else amount
        if amount > req.amount_cents:
            raise Invalid("amount", "A sponsor may approve less than requested, never more.")
    else:
        if amount is not None:
            raise Invalid("amount", "A rejection approves no amount.")
        if not data.get("comment", "").strip():
            raise Invalid("comment", "Say why the request is rejected.")
        amount = 0
    req.decision = Decision(engagement_id=req.engagement_id, decided_by_id=actor.id, decided_by=actor,
                            approve=data["approve"], amount_cents=amount, comment=data.get("comment", ""))
    session.flush()
    record(actor, req.engagement_id, req.initiative_id, "budget.decided", budget_request_schema.dump(req))
    notifications.resolve("budget_pending", req.id)  # no sponsor is left asked to decide it
    verdict = (f"approved {money.text(amount, req.currency)}" if data["approve"] else "rejected")
    notifications.send([req.requested_by_id], "budget_decided",
                       f"{actor.name} {verdict} your request for {money.text(req.amount_cents, req.currency)}"
                       + (f": {data['comment'][:200]}" if data.get("comment") else ""),
                       engagement_id=req.engagement_id, initiative_id=req.initiative_id, card_id=req.card_id,
                       request_id=req.id, actor=actor)
    return req


def record_spend(actor: User, data: dict, *, card_id: str | None = None, initiative_id: str | None = None) -> Spend:
    """Spend against approved budget; never more than approved, never by one who approved it."""
    init_id, card_id, engagement_id = _target(actor, card_id, initiative_id, write=True)
    requests = _requests(init_id, card_id)
    require_not_approver(actor, requests)
    t = (money.totals(requests, _spend(init_id, card_id)) or [money.Totals("")])[0]
    if data["amount_cents"] > t.remaining_cents:
        raise Conflict(f"Spend would exceed the approved budget: approved {money.text(t.approved_cents, t.currency)}, "
                       f"already spent {money.text(t.spent_cents, t.currency)}, "
                       f"remaining {money.text(t.remaining_cents, t.currency)}.", code="over_budget")
    spend = Spend(engagement_id=engagement_id, initiative_id=init_id, card_id=card_id,
                  currency=requests[0].currency, recorded_by_id=actor.id, recorded_by=actor, **data)
    session.add(spend)
    session.flush()
    record(actor, engagement_id, init_id, "spend.recorded", spend_schema.dump(spend))
    return spend


def _spend(initiative_id: str, card_id: str | None) -> list[Spend]:
    where = Spend.card_id.is_(None) if card_id is None else Spend.card_id == card_id
    return list(session.scalars(select(Spend).where(Spend.initiative_id == initiative_id, where)
                                .order_by(Spend.recorded_at)))


def list_spend(actor: User, *, card_id: str | None = None, initiative_id: str | None = None) -> list[Spend]:
    """Spend entries of one experiment, or of an initiative's shadowing."""
    return _spend(*_target(actor, card_id, initiative_id, write=False)[:2])


def write_learning(actor: User, request_id: str, data: dict) -> BudgetRequest:
    """Write what a funded tranche taught (its learning card); this opens the experiment's next tranche."""
    req, _ = scoped(actor, BudgetRequest, request_id, write=True, what="Budget request")
    if req.card_id is None:
        raise Invalid("learned", "Shadowing budget has no tranches; its learning goes on the board's cards.")
    if req.status != "approved":
        raise Conflict("A tranche's learning is written once its request is approved.", code="not_funded")
    if not data["learned"].strip():
        raise Invalid("learned", "Say what this tranche taught.")
    req.learned, req.learned_at, req.learned_by_id, req.learned_by = data["learned"].strip(), utcnow(), actor.id, actor
    session.flush()
    record(actor, req.engagement_id, req.initiative_id, "budget.learning", budget_request_schema.dump(req))
    return req


def money_of(actor: User, initiative_id: str) -> dict:
    """An initiative's money from ``money``: per currency in all, per experiment and for shadowing."""
    initiative, _ = scoped(actor, Initiative, initiative_id)
    requests = list(session.scalars(select(BudgetRequest).where(BudgetRequest.initiative_id == initiative.id)))
    spend = list(session.scalars(select(Spend).where(Spend.initiative_id == initiative.id)))
    per = money.by_budget(requests, spend)
    return {"initiative_id": initiative.id, "totals": money.totals(requests, spend),
            "experiments": [{"card_id": k, "totals": v} for k, v in per.items() if k is not None],
            "shadowing": per.get(None, [])}
