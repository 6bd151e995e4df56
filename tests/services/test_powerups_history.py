"""Power-ups over time (``board.powerups`` history and timeline): pure functions over a hand-made timeline."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from board import powerups
from board.powerups.history import BudgetLine, Point, budget_lines, history, levels_at
from board.powerups.timeline import (
    CardState, TimedCard, TimedGrant, TimedRequest, TimedSession, TimedSpend, Timeline, facts_at, moments,
)
from board.reports import charts
from board.services.review import quarter_bounds, quarter_of

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)


def levels(tl: Timeline, at: datetime) -> tuple[int, int, int]:
    meters = levels_at(tl, at)
    return meters["courage"]["level"], meters["budget"]["level"], meters["story"]["level"]


def story(id_: str, *states: CardState) -> TimedCard:
    return TimedCard(id_, "story", None, states)


def cites(at: datetime, title: str, *ids: str, told: bool = False) -> CardState:
    """A story's state from ``at`` on, citing the observations ``ids``."""
    return CardState(at, title, told=told, evidence=frozenset(ids))


def observation(id_: str, session_id: str | None, at: datetime, deleted_at: datetime | None = None) -> TimedCard:
    states = (CardState(at, "obs"),) + ((CardState(deleted_at, "obs", deleted=True),) if deleted_at else ())
    return TimedCard(id_, "observation", session_id, states)


def experiment(id_: str, *changes: tuple[datetime, str], audience: str = "staff", published_at=None) -> TimedCard:
    states = [CardState(at, id_, status, audience) for at, status in changes]
    if published_at:
        states.append(CardState(published_at, id_, "concluded", audience, published=True))
    return TimedCard(id_, "experiment", None, tuple(states))


def session(id_: str, at: datetime, contact: bool = False) -> TimedSession:
    return TimedSession(powerups.Shadowing(id_, "Ann", contact, at), at)


def test_nothing_before_the_first_fact():
    tl = Timeline(grants=[TimedGrant("process", "Bea", day(1), None)])
    assert levels(tl, day(0)) == (0, 0, 0)
    assert facts_at(tl, day(0)) == powerups.Facts()
    assert history(tl, day(0)) == []


def test_a_grant_counts_while_live_and_not_after_revocation_or_expiry():
    tl = Timeline(grants=[TimedGrant("process", "Bea", day(1), day(5)), TimedGrant("process", "Bob", day(8), day(9))])
    assert [levels(tl, day(n))[0] for n in range(11)] == [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0]
    assert history(tl, day(10)) == [Point(day(1), {"courage": 1, "budget": 0, "story": 0}),
                                    Point(day(5), {"courage": 0, "budget": 0, "story": 0}),
                                    Point(day(8), {"courage": 1, "budget": 0, "story": 0}),
                                    Point(day(9), {"courage": 0, "budget": 0, "story": 0})]
    assert facts_at(tl, day(6)).grants == [powerups.Grant("process", False, "Bea", day(1))]


def test_courage_climbs_with_customers_and_a_running_customer_experiment():
    tl = Timeline(
        grants=[TimedGrant("process", "Bea", day(1), None), TimedGrant("customers", "Bea", day(3), None)],
        sessions=[session("s1", day(4), contact=True)],
        cards=[experiment("e1", (day(2), "draft"), (day(6), "running"), audience="customers")],
    )
    assert [levels(tl, day(n))[0] for n in (0, 1, 3, 4, 6)] == [0, 1, 1, 2, 3]
    assert [p.at for p in history(tl, day(7))] == [day(1), day(4), day(6)]


def test_budget_levels_follow_requests_decisions_and_spend():
    tl = Timeline(
        cards=[experiment("e1", (day(0), "draft"))],
        requests=[TimedRequest("e1", "EUR", 1000_00, day(1), day(3), True, 800_00),
                  TimedRequest(None, "EUR", 50_00, day(4), None, None, 0)],
        spend=[TimedSpend("e1", 300_00, day(5))],
    )
    # pending (0) → approved for an experiment, nothing pending (3) → a new request pending (2)
    assert [levels(tl, day(n))[1] for n in (1, 3, 4, 6)] == [0, 3, 2, 2]
    budgets = facts_at(tl, day(2)).budgets
    assert [(b.status, b.approved_cents) for b in budgets] == [("pending", 0)]
    assert facts_at(tl, day(6)).accounts == [powerups.Account("shadowing", 0, 0, "EUR"),
                                             powerups.Account("'e1'", 800_00, 300_00, "EUR")]


def test_story_levels_need_live_evidence_and_a_published_learning():
    tl = Timeline(
        sessions=[session("s1", day(0)), session("s2", day(0))],
        cards=[
            observation("o1", "s1", day(1)), observation("o2", "s2", day(1), deleted_at=day(7)),
            story("st1", CardState(day(2), "One"), cites(day(3), "One", "o1")),
            story("st2", CardState(day(2), "Two"), cites(day(4), "Two", "o2")),
            story("st3", CardState(day(2), "Three"), cites(day(4), "Three", "o1"), cites(day(9), "Three", "o1", told=True)),
            experiment("e1", (day(0), "draft"), (day(5), "running"), (day(6), "concluded"), published_at=day(10)),
        ],
    )
    assert [levels(tl, day(n))[2] for n in (2, 3, 4, 7, 9, 10)] == [0, 1, 2, 1, 2, 3]
    assert facts_at(tl, day(4)).stories == [powerups.Story("One", False, frozenset({"s1"})),
                                            powerups.Story("Two", False, frozenset({"s2"})),
                                            powerups.Story("Three", False, frozenset({"s1"}))]


def test_a_citation_counts_from_when_it_was_made_until_it_was_removed():
    tl = Timeline(cards=[observation("o1", None, day(1)),
                         story("st1", CardState(day(2), "One"), cites(day(3), "One", "o1"), CardState(day(6), "One"))])
    assert [levels(tl, day(n))[2] for n in range(2, 8)] == [0, 1, 1, 1, 0, 0]
    assert facts_at(tl, day(4)).stories == [powerups.Story("One", False, frozenset({""}))]  # no session: still evidence
    assert [p.at for p in history(tl, day(7))] == [day(1), day(3), day(6)]


def test_only_observations_count_as_a_storys_evidence():
    tl = Timeline(cards=[story("st1", CardState(day(1), "One")),
                         story("st2", CardState(day(1), "Two"), cites(day(2), "Two", "st1", "gone"))])
    assert facts_at(tl, day(3)).stories[1] == powerups.Story("Two", False, frozenset())


def test_levels_at_a_moment_say_what_holds_then_and_what_is_next():
    tl = Timeline(grants=[TimedGrant("process", "Bea", day(1), None)],
                  cards=[experiment("e1", (day(1), "draft"))],
                  requests=[TimedRequest("e1", "EUR", 10_00, day(2), day(3), True, 10_00)],
                  spend=[TimedSpend("e1", 4_00, day(3))])
    assert levels_at(tl, day(2))["budget"] == {"level": 0, "facts": [], "next": "A sponsor approves a budget."}
    assert levels_at(tl, day(4)) == {
        "courage": {"level": 1, "facts": ["Live 'process' access granted by Bea on 2026-01-06"],
                    "next": "A live 'customers' grant and a shadowing session with customer contact."},
        "budget": {"level": 3, "facts": ["€10.00 approved for 'e1'", "Budget approved for experiment 'e1'",
                                         "No budget request pending", "€4.00 of €10.00 spent for 'e1'"],
                   "next": None},
        "story": {"level": 0, "facts": [], "next": "Link a story to at least one observation."},
    }
    assert moments(tl) == [day(1), day(2), day(3)]


def test_card_states_and_when_a_state_began():
    c = experiment("e1", (day(0), "draft"), (day(2), "running"), (day(3), "parked"), (day(4), "proposed"),
                   (day(5), "running"))
    assert c.state_at(day(-1)) is None and c.state_at(day(2)).status == "running"
    assert c.became(lambda s: s.status == "running") == [day(2), day(5)]
    assert CardState(day(1), "x").same(CardState(day(2), "x")) and not CardState(day(1), "x").same(None)


def test_budget_lines_sum_money_within_a_period():
    tl = Timeline(
        requests=[TimedRequest("e1", "EUR", 100_00, day(1), day(2), True, 80_00),
                  TimedRequest("e1", "EUR", 50_00, day(10), day(12), False, 0),
                  TimedRequest("e1", "EUR", 30_00, day(11), None, None, 0),
                  TimedRequest(None, "USD", 20_00, day(11), day(30), True, 20_00)],
        spend=[TimedSpend("e1", 10_00, day(3)), TimedSpend("e1", 5_00, day(11)), TimedSpend(None, 1_00, day(31))],
    )
    # each request counts once: open, approved (what was approved) or rejected (what was asked)
    assert budget_lines(tl) == [line(None, "USD", approved=20_00, spent=1_00),
                                line("e1", "EUR", requested=30_00, approved=80_00, rejected=50_00, spent=15_00, pending=1)]
    # day 10 to 20: the requests of day 11 still open at day 20, the rejection, the spend of day 11
    assert budget_lines(tl, day(10), day(20)) == [line(None, "USD", requested=20_00, pending=1),
                                                  line("e1", "EUR", requested=30_00, rejected=50_00, spent=5_00, pending=1)]
    assert budget_lines(tl, None, day(5)) == [line("e1", "EUR", approved=80_00, spent=10_00)]
    assert budget_lines(tl, None, day(5))[0].remaining_cents == 70_00
    # a budget with nothing in the period still has its line
    assert budget_lines(tl, day(20), day(25)) == [line(None, "USD", requested=0, pending=0), line("e1", "EUR")]


def line(card_id, currency, requested=0, approved=0, rejected=0, spent=0, pending=0):
    return BudgetLine(card_id=card_id, currency=currency, requested_cents=requested, approved_cents=approved,
                      rejected_cents=rejected, spent_cents=spent, pending=pending)


def test_quarters():
    assert quarter_of(datetime(2026, 12, 31, tzinfo=timezone.utc)) == "2026-Q4"
    assert quarter_of(datetime(2026, 1, 1, tzinfo=timezone.utc)) == "2026-Q1"
    assert quarter_bounds("2026-Q4") == (datetime(2026, 10, 1, tzinfo=timezone.utc), datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert quarter_bounds("2026-Q2") == (datetime(2026, 4, 1, tzinfo=timezone.utc), datetime(2026, 7, 1, tzinfo=timezone.utc))
    for bad in ("2026-Q5", "2026Q1", "26-Q1", "2026-q1", "", "9999-Q4"):
        with pytest.raises(Exception) as exc:
            quarter_bounds(bad)
        assert getattr(exc.value, "status", None) == 422


def test_the_power_ups_chart_steps_through_the_history():
    points = [Point(day(1), {"courage": 1, "budget": 0, "story": 0}), Point(day(2), {"courage": 1, "budget": 2, "story": 0})]
    chart = charts.power_ups(points, day(0), day(4))
    paths = [s for s in chart.shapes if s.kind == "path"]
    assert [p.color for p in paths] == [charts.COLORS[m] for m in ("courage", "budget", "story")]
    courage = paths[0].points
    assert courage[0][0] == charts.LEFT and courage[-1][0] == charts.WIDTH - charts.RIGHT  # start to end
    assert len({y for _, y in courage}) == 2  # level 0, then level 1
    assert all(0 <= x <= chart.width and 0 <= y <= chart.height for p in paths for x, y in p.points)


def test_the_budget_chart_draws_approved_and_spent_bars_to_scale():
    chart = charts.budget([("Prefill", line("e1", "EUR", approved=800_00, spent=200_00)),
                           ("Shadowing", line(None, "EUR", approved=400_00, spent=400_00))], "EUR")
    bars = [s for s in chart.shapes if s.kind == "rect" and s.h > 10]
    assert [round(b.w / bars[0].w, 2) for b in bars] == [1.0, 0.25, 0.5, 0.5]
    assert {s.text for s in chart.shapes if s.kind == "label"} >= {"Prefill", "€800.00", "€200.00"}
