"""Money that adds up: the one read-side function behind every budget total — ``GET
/initiatives/{id}/money``, the sponsor report, the quarterly review, the CSV, the JSON export, the
budget meter and the over-budget check. (The web app's card face sums its live request rows by the
same rule: each by its status.)

Per currency, a request counts in exactly one place: ``requested`` while it awaits a sponsor (open),
``approved`` (what the sponsor approved, possibly less than asked) or ``rejected`` (what was asked and
refused). ``spent`` is the spend recorded; ``remaining`` is approved minus spent. Pure: it reads
whatever has ``currency``, ``amount_cents``, ``status`` and ``approved_cents`` (requests) and
``currency``, ``amount_cents`` (spend) — the models, or the power-ups' timed facts.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Protocol

from babel.numbers import format_currency

LOCALE = "en_GB"


class Asked(Protocol):
    currency: str
    amount_cents: int
    status: str  # pending, approved or rejected
    approved_cents: int


class Paid(Protocol):
    currency: str
    amount_cents: int


@dataclass(frozen=True)
class Totals:
    """The money of one currency; ``pending`` counts the open requests."""

    currency: str
    requested_cents: int = 0
    approved_cents: int = 0
    rejected_cents: int = 0
    spent_cents: int = 0
    pending: int = 0

    @property
    def remaining_cents(self) -> int:
        """Approved and not yet spent (negative only if spend outran approvals)."""
        return self.approved_cents - self.spent_cents

    @property
    def empty(self) -> bool:
        """No money in any column and nothing pending."""
        return not (self.requested_cents or self.approved_cents or self.rejected_cents or self.spent_cents
                    or self.pending)

    def wire(self) -> dict:
        """The JSON form (cents)."""
        return {"currency": self.currency, "requested_cents": self.requested_cents,
                "approved_cents": self.approved_cents, "rejected_cents": self.rejected_cents,
                "spent_cents": self.spent_cents, "remaining_cents": self.remaining_cents, "pending": self.pending}


def _add_request(t: Totals, r: Asked) -> Totals:
    if r.status == "pending":
        return replace(t, requested_cents=t.requested_cents + r.amount_cents, pending=t.pending + 1)
    if r.status == "approved":
        return replace(t, approved_cents=t.approved_cents + r.approved_cents)
    if r.status == "rejected":
        return replace(t, rejected_cents=t.rejected_cents + r.amount_cents)
    raise ValueError(f"unknown request status {r.status!r}")


def totals(requests: Iterable[Asked], spend: Iterable[Paid] = ()) -> list[Totals]:
    """Requested (open), approved, rejected, spent and remaining per currency, in order of first
    appearance (requests first)."""
    out: dict[str, Totals] = {}
    for r in requests:
        out[r.currency] = _add_request(out.get(r.currency) or Totals(r.currency), r)
    for s in spend:
        t = out.get(s.currency) or Totals(s.currency)
        out[s.currency] = replace(t, spent_cents=t.spent_cents + s.amount_cents)
    return list(out.values())


def by_budget(requests: Iterable, spend: Iterable = ()) -> dict[str | None, list[Totals]]:
    """``totals`` per budget: keyed by ``card_id`` (an experiment's), ``None`` for shadowing; budgets
    in order of their first request, then any with spend only."""
    reqs: dict[str | None, list] = {}
    paid: dict[str | None, list] = {}
    for r in requests:
        reqs.setdefault(r.card_id, []).append(r)
    for s in spend:
        paid.setdefault(s.card_id, []).append(s)
    return {k: totals(reqs.get(k, []), paid.get(k, [])) for k in [*reqs, *(k for k in paid if k not in reqs)]}


def text(cents: int, currency: str) -> str:
    """An amount as people read it, e.g. ``£12,000.00``."""
    return format_currency(cents / 100, currency, locale=LOCALE)


def summary(t: Totals | None) -> str:
    """One budget's money in words, as every report writes it."""
    if t is None:
        return "none requested"
    parts = [f"requested (open) {text(t.requested_cents, t.currency)}", f"approved {text(t.approved_cents, t.currency)}",
             f"rejected {text(t.rejected_cents, t.currency)}", f"spent {text(t.spent_cents, t.currency)}",
             f"remaining {text(t.remaining_cents, t.currency)}"]
    return " · ".join(parts) + (f" · {t.pending} pending" if t.pending else "")
