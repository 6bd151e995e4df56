"""``services.money``: the one sum behind every budget total — each request counts once, in its place."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from board.services import money
from board.services.money import Totals


@dataclass(frozen=True)
class Req:
    amount_cents: int
    status: str
    approved_cents: int = 0
    currency: str = "GBP"
    card_id: str | None = "e1"


@dataclass(frozen=True)
class Paid:
    amount_cents: int
    currency: str = "GBP"
    card_id: str | None = "e1"


@pytest.mark.parametrize("requests, spend, expected", [
    pytest.param([], [], [], id="nothing"),
    pytest.param([Req(500_00, "pending")], [], [Totals("GBP", requested_cents=500_00, pending=1)], id="open"),
    pytest.param([Req(500_00, "approved", 500_00)], [], [Totals("GBP", approved_cents=500_00)], id="approved in full"),
    pytest.param([Req(5000_00, "approved", 3500_00)], [], [Totals("GBP", approved_cents=3500_00)],
                 id="approved less: the difference is neither open nor rejected"),
    pytest.param([Req(12000_00, "rejected")], [], [Totals("GBP", rejected_cents=12000_00)],
                 id="rejected: never requested"),
    pytest.param([Req(12000_00, "rejected"), Req(8000_00, "pending")], [],
                 [Totals("GBP", requested_cents=8000_00, rejected_cents=12000_00, pending=1)], id="the demo's"),
    pytest.param([Req(6000_00, "approved", 6000_00)], [Paid(2400_00), Paid(1800_00)],
                 [Totals("GBP", approved_cents=6000_00, spent_cents=4200_00)], id="spend"),
    pytest.param([Req(10_00, "approved", 10_00, "EUR"), Req(20_00, "pending", currency="USD"),
                  Req(5_00, "rejected", currency="EUR")], [Paid(4_00, "EUR")],
                 [Totals("EUR", approved_cents=10_00, rejected_cents=5_00, spent_cents=4_00),
                  Totals("USD", requested_cents=20_00, pending=1)], id="never mixing currencies"),
    pytest.param([], [Paid(1_00)], [Totals("GBP", spent_cents=1_00)], id="spend alone"),
])
def test_totals(requests, spend, expected):
    assert money.totals(requests, spend) == expected


@pytest.mark.parametrize("t, remaining", [
    (Totals("GBP"), 0),
    (Totals("GBP", approved_cents=6000_00, spent_cents=4200_00), 1800_00),
    (Totals("GBP", requested_cents=900_00, rejected_cents=100_00), 0),  # open and rejected money is not there to spend
    (Totals("GBP", approved_cents=1_00, spent_cents=3_00), -2_00),
])
def test_remaining_is_approved_minus_spent(t, remaining):
    assert t.remaining_cents == remaining
    assert t.wire()["remaining_cents"] == remaining


def test_an_unknown_status_is_an_error_not_a_silent_zero():
    with pytest.raises(ValueError):
        money.totals([Req(1, "maybe")])


def test_by_budget_keeps_each_experiment_and_shadowing_apart():
    per = money.by_budget([Req(100, "approved", 100, card_id="e1"), Req(50, "rejected", card_id="e2"),
                           Req(30, "pending", card_id=None), Req(20, "pending", card_id="e1")],
                          [Paid(40, card_id="e1"), Paid(5, card_id="e3")])
    assert list(per) == ["e1", "e2", None, "e3"]  # by first request, then spend alone
    assert per["e1"] == [Totals("GBP", requested_cents=20, approved_cents=100, spent_cents=40, pending=1)]
    assert per["e2"] == [Totals("GBP", rejected_cents=50)]
    assert per[None] == [Totals("GBP", requested_cents=30, pending=1)]
    assert per["e3"] == [Totals("GBP", spent_cents=5)]


@pytest.mark.parametrize("cents, currency, text", [
    (12000_00, "GBP", "£12,000.00"), (99_50, "EUR", "€99.50"), (0, "GBP", "£0.00"), (1500_00, "USD", "US$1,500.00"),
])
def test_text_is_babel_money(cents, currency, text):
    assert money.text(cents, currency) == text


def test_summary_names_every_column_once():
    t = Totals("GBP", requested_cents=8000_00, rejected_cents=12000_00, pending=1)
    assert money.summary(t) == ("requested (open) £8,000.00 · approved £0.00 · rejected £12,000.00 · spent £0.00"
                                " · remaining £0.00 · 1 pending")
    assert money.summary(None) == "none requested"
