"""Which recorded changes can move the power-ups (``powerups.may_change``), one row per rule: the
writes that cannot are not even computed at commit (services/derived.py)."""
from __future__ import annotations

import pytest

from board.powerups import may_change


def card(type_, kind, changed=None, **fields):
    data = {"id": "c1", "kind": kind, **fields}
    if changed is not None:
        data["changed"] = changed
    return {"type": type_, "initiative": "i1", "data": data}


def other(type_, **data):
    return {"type": type_, "initiative": "i1", "data": data}


@pytest.mark.parametrize("event, computes", [
    # a card edit counts by its kind and what changed
    (card("card.updated", "observation", ["text"]), False),
    (card("card.updated", "observation", ["lane_position"]), False),
    (card("card.updated", "observation", ["tags", "observation_kind", "cluster_id"]), False),
    (card("card.updated", "observation", ["shadowing_session_id"]), True),
    (card("card.updated", "story", ["lane_position"]), False),
    (card("card.updated", "story", ["persona", "struggle"]), False),
    (card("card.updated", "story", ["title"]), True),
    (card("card.updated", "story", ["told"]), True),
    (card("card.updated", "story", ["evidence"]), True),
    (card("card.updated", "experiment", ["lane_position", "hypothesis", "evidence"]), False),
    (card("card.updated", "experiment", ["status"]), True),
    (card("card.updated", "experiment", ["audience"]), True),
    (card("card.updated", "experiment", ["published"]), True),
    (card("card.updated", "experiment", ["title"]), True),  # the budget and learning facts name it
    # a new card: nothing cites it yet, and a new experiment is a draft or proposed
    (card("card.created", "observation", text="x"), False),
    (card("card.created", "experiment", title="x", status="proposed", evidence=["s1"]), False),
    (card("card.created", "story", title="x", told=False, evidence=[]), False),
    (card("card.created", "story", title="x", told=False, evidence=["o1"]), True),
    (card("card.created", "story", title="x", told=True, evidence=[]), True),
    # a delete or restore may take away or bring back a cited observation, a story or an experiment
    (other("card.deleted", id="c1", version=3), True),
    (card("card.restored", "observation"), True),
    # the other facts, by type
    (other("grant.created"), True),
    (other("grant.revoked"), True),
    (other("shadowing.created"), True),
    (other("shadowing.updated"), True),
    (other("budget.requested"), True),
    (other("budget.decided"), True),
    (other("spend.recorded"), True),
    # never
    (other("comment.created"), False),
    (other("kpi.created"), False),
    (other("kpis.agreed"), False),
    (other("kpis.agreement_withdrawn"), False),
    (other("initiative.updated"), False),
    (other("cluster.created"), False),
    (other("workshop.timer"), False),
    (other("vote.cast"), False),
    (other("library.proposed"), False),
    (other("power_ups.changed", courage={}), False),
])
def test_which_events_can_change_power_ups(event, computes):
    assert may_change(event) is computes
