"""The pure power-up rules of SPEC §3: ``compute(Facts(...))``, table-driven, one row per boundary.

Levels are cumulative: a higher condition without every lower one does not count.
"""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from board.powerups import Account, Budget, Experiment, Facts, Grant, Shadowing, Story, compute

DAY = datetime(2025, 3, 4, 10, 0, tzinfo=timezone.utc)


def grant(scope, live=True, by="Bea"):
    return Grant(scope=scope, live=live, granted_by=by, granted_at=DAY)


def contact(host="Maria", customer_contact=True, sid="s1"):
    return Shadowing(id=sid, host=host, customer_contact=customer_contact, started_at=DAY)


def exp(title="Pilot", audience="customers", status="running", published=False):
    return Experiment(title=title, audience=audience, status=status, published=published)


def story(title="Late payer", told=False, sessions=()):
    return Story(title=title, told=told, evidence_sessions=frozenset(sessions))


def request(label="'Pilot'", status="approved", cents=100_000, for_experiment=True, currency="EUR"):
    return Budget(label=label, for_experiment=for_experiment, status=status,
                  approved_cents=cents if status == "approved" else 0, currency=currency)


def account(label="'Pilot'", approved=100_000, spent=0):
    return Account(label=label, approved_cents=approved, spent_cents=spent)


PROCESS = "Live 'process' access granted by Bea on 2025-03-04"
CUSTOMERS = "Live 'customers' access granted by Bea on 2025-03-04"
CONTACT = "Shadowed Maria with customers in contact on 2025-03-04"

COURAGE = [
    # id, facts, level, listed facts
    ("nothing", Facts(), 0, []),
    ("process grant", Facts(grants=[grant("process")]), 1, [PROCESS]),
    ("process grant not live", Facts(grants=[grant("process", live=False)]), 0, []),
    ("customers grant alone", Facts(grants=[grant("customers")]), 0, []),
    ("level 2 facts without process", Facts(grants=[grant("customers")], sessions=[contact()]), 0, []),
    ("level 3 facts without process", Facts(grants=[grant("customers")], sessions=[contact()], experiments=[exp()]), 0, []),
    ("process + customers grant, no contact", Facts(grants=[grant("process"), grant("customers")]), 1, [PROCESS]),
    ("process + contact, no customers grant", Facts(grants=[grant("process")], sessions=[contact()]), 1, [PROCESS]),
    ("process + contact + customers grant not live",
     Facts(grants=[grant("process"), grant("customers", live=False)], sessions=[contact()]), 1, [PROCESS]),
    ("process + customers + session without contact",
     Facts(grants=[grant("process"), grant("customers")], sessions=[contact(customer_contact=False)]), 1, [PROCESS]),
    ("level 2", Facts(grants=[grant("process"), grant("customers")], sessions=[contact()]), 2,
     [PROCESS, CUSTOMERS, CONTACT]),
    ("level 3 without level 2 (no contact)",
     Facts(grants=[grant("process"), grant("customers")], experiments=[exp()]), 1, [PROCESS]),
    ("level 2 + customer experiment proposed",
     Facts(grants=[grant("process"), grant("customers")], sessions=[contact()], experiments=[exp(status="proposed")]),
     2, [PROCESS, CUSTOMERS, CONTACT]),
    ("level 2 + staff experiment running",
     Facts(grants=[grant("process"), grant("customers")], sessions=[contact()], experiments=[exp(audience="staff")]),
     2, [PROCESS, CUSTOMERS, CONTACT]),
    ("level 3 running", Facts(grants=[grant("process"), grant("customers")], sessions=[contact()], experiments=[exp()]),
     3, [PROCESS, CUSTOMERS, CONTACT, "Experiment 'Pilot' with customers is running"]),
    ("level 3 concluded",
     Facts(grants=[grant("process"), grant("customers")], sessions=[contact()], experiments=[exp(status="concluded")]),
     3, [PROCESS, CUSTOMERS, CONTACT, "Experiment 'Pilot' with customers is concluded"]),
    ("parked customer experiment",
     Facts(grants=[grant("process"), grant("customers")], sessions=[contact()], experiments=[exp(status="parked")]),
     2, [PROCESS, CUSTOMERS, CONTACT]),
]

SHADOWING = request("shadowing", for_experiment=False, cents=30_000)
PILOT = request("'Pilot'", cents=150_000)
SETTLED = ["No budget request pending", "€0.00 of €300.00 spent for shadowing"]

BUDGET = [
    ("nothing", Facts(), 0, []),
    ("pending only", Facts(budgets=[request(status="pending")]), 0, []),
    ("rejected only: nothing pending, nothing overspent, still 0", Facts(budgets=[request(status="rejected")]), 0, []),
    ("approved for shadowing", Facts(budgets=[SHADOWING], accounts=[account("shadowing", 30_000)]), 1,
     ["€300.00 approved for shadowing"]),
    ("approved for an experiment, another pending",
     Facts(budgets=[PILOT, request(status="pending")], accounts=[account(approved=150_000)]), 2,
     ["€1,500.00 approved for 'Pilot'", "Budget approved for experiment 'Pilot'"]),
    ("approved for an experiment, overspent",
     Facts(budgets=[PILOT], accounts=[account(approved=150_000, spent=150_001)]), 2,
     ["€1,500.00 approved for 'Pilot'", "Budget approved for experiment 'Pilot'"]),
    ("approved for an experiment, spent exactly", Facts(budgets=[PILOT], accounts=[account(approved=150_000, spent=150_000)]),
     3, ["€1,500.00 approved for 'Pilot'", "Budget approved for experiment 'Pilot'", "No budget request pending",
         "€1,500.00 of €1,500.00 spent for 'Pilot'"]),
    ("shadowing settled but no experiment approval",
     Facts(budgets=[SHADOWING], accounts=[account("shadowing", 30_000)]), 1, ["€300.00 approved for shadowing"]),
    ("overspent shadowing blocks level 3",
     Facts(budgets=[SHADOWING, PILOT], accounts=[account("shadowing", 30_000, 40_000), account(approved=150_000)]), 2,
     ["€300.00 approved for shadowing", "€1,500.00 approved for 'Pilot'", "Budget approved for experiment 'Pilot'"]),
    ("each account in its own currency",
     Facts(budgets=[SHADOWING, request("'Pilot'", cents=150_000, currency="USD")],
           accounts=[account("shadowing", 30_000), Account("'Pilot'", 150_000, 100, "USD")]), 3,
     ["€300.00 approved for shadowing", "US$1,500.00 approved for 'Pilot'", "Budget approved for experiment 'Pilot'",
      *SETTLED, "US$1.00 of US$1,500.00 spent for 'Pilot'"]),
    ("level 3 with both accounts",
     Facts(budgets=[SHADOWING, PILOT, request(status="rejected")],
           accounts=[account("shadowing", 30_000), account(approved=150_000, spent=2_550)]), 3,
     ["€300.00 approved for shadowing", "€1,500.00 approved for 'Pilot'", "Budget approved for experiment 'Pilot'",
      *SETTLED, "€25.50 of €1,500.00 spent for 'Pilot'"]),
]

EVIDENCED = "Story 'Late payer' is evidenced by observations"
PUBLISHED = "Learning of 'Pilot' is published in the sponsor report"


def evidenced(n, sessions):
    """``n`` evidenced stories spread over ``sessions`` (ids; "" = an observation outside any session)."""
    titles = ["Late payer", "Angry caller", "Lost letter", "Fourth"]
    return [story(titles[i], sessions={sessions[i % len(sessions)]}) for i in range(n)]


STORY = [
    ("nothing", Facts(), 0, []),
    ("story without evidence", Facts(stories=[story()]), 0, []),
    ("told without evidence", Facts(stories=[story(told=True)]), 0, []),
    ("published learning without stories", Facts(experiments=[exp(status="concluded", published=True)]), 0, []),
    ("one evidenced story", Facts(stories=evidenced(1, ["s1"])), 1, [EVIDENCED]),
    ("evidence outside any session counts", Facts(stories=evidenced(1, [""])), 1, [EVIDENCED]),
    ("three evidenced from one session", Facts(stories=evidenced(3, ["s1"])), 1, [EVIDENCED]),
    ("two evidenced from two sessions", Facts(stories=evidenced(2, ["s1", "s2"])), 1, [EVIDENCED]),
    ("three evidenced, one session plus no session", Facts(stories=evidenced(3, ["s1", ""])), 1, [EVIDENCED]),
    ("three evidenced from two sessions", Facts(stories=evidenced(3, ["s1", "s2"])), 2,
     [EVIDENCED, "3 evidenced stories from 2 shadowing sessions"]),
    ("one evidenced story, another told", Facts(stories=evidenced(1, ["s1"]) + [story("Told", told=True)]), 2,
     [EVIDENCED, "Story 'Told' was told to the sponsor"]),
    ("published without level 2", Facts(stories=evidenced(1, ["s1"]), experiments=[exp(status="concluded", published=True)]),
     1, [EVIDENCED]),
    ("level 2, learning concluded but not published",
     Facts(stories=evidenced(3, ["s1", "s2"]), experiments=[exp(status="concluded")]), 2,
     [EVIDENCED, "3 evidenced stories from 2 shadowing sessions"]),
    ("level 2, published but not concluded",
     Facts(stories=evidenced(3, ["s1", "s2"]), experiments=[exp(status="running", published=True)]), 2,
     [EVIDENCED, "3 evidenced stories from 2 shadowing sessions"]),
    ("level 3", Facts(stories=[story(told=True, sessions={"s1"})], experiments=[exp(status="concluded", published=True)]),
     3, [EVIDENCED, "Story 'Late payer' was told to the sponsor", PUBLISHED]),
]


def _rows(table):
    return [pytest.param(facts, lvl, listed, id=name) for name, facts, lvl, listed in table]


@pytest.mark.parametrize("facts, lvl, listed", _rows(COURAGE))
def test_courage(facts, lvl, listed):
    meter = compute(facts)["courage"]
    assert (meter["level"], meter["facts"]) == (lvl, listed)
    assert (meter["next"] is None) == (lvl == 3)


@pytest.mark.parametrize("facts, lvl, listed", _rows(BUDGET))
def test_budget(facts, lvl, listed):
    meter = compute(facts)["budget"]
    assert (meter["level"], meter["facts"]) == (lvl, listed)
    assert (meter["next"] is None) == (lvl == 3)


@pytest.mark.parametrize("facts, lvl, listed", _rows(STORY))
def test_story(facts, lvl, listed):
    meter = compute(facts)["story"]
    assert (meter["level"], meter["facts"]) == (lvl, listed)
    assert (meter["next"] is None) == (lvl == 3)


def test_the_three_meters_are_independent():
    facts = Facts(grants=[grant("process")], budgets=[SHADOWING], accounts=[account("shadowing", 30_000)],
                  stories=evidenced(1, ["s1"]))
    assert {k: v["level"] for k, v in compute(facts).items()} == {"courage": 1, "budget": 1, "story": 1}


def test_next_says_what_the_first_missing_step_needs():
    assert compute(Facts())["courage"]["next"] == "The buyer grants 'process' access (shadow staff and processes)."
    pending = compute(Facts(budgets=[PILOT, request(status="pending"), request(status="pending")],
                            accounts=[account(approved=150_000)]))["budget"]
    assert pending["next"] == "A sponsor decides the pending requests."
    over = compute(Facts(budgets=[PILOT], accounts=[account(approved=150_000, spent=200_000)]))["budget"]
    assert over["next"] == "Keep spend within approvals."
