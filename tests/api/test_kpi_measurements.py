"""KPI measurements: a KPI's value over time, its ``current`` value, and the learning that cites one;
editing and deleting KPIs; numbers are JSON numbers, never text."""
from datetime import datetime, timedelta, timezone

import pytest

from tests.support.api import error, expect, log
from tests.support.kpis import agree_both, concluded_with


def add_kpi(world, **fields):
    body = {"name": "Cost per collected euro", "unit": "EUR", "baseline": 0.12, "target": 0.08, **fields}
    return expect(world.buyer.post(f"/initiatives/{world.initiative}/kpis", body), 201)


def measure(world, kpi, client=None, status=201, **fields):
    return expect((client or world.provider).post(f"/kpis/{kpi['id']}/measurements", {"value": 0.1, **fields}), status)


def kpis(world):
    return expect(world.buyer.get(f"/initiatives/{world.initiative}/kpis"), 200)


def at(days_ago: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days_ago)).isoformat()


def test_the_latest_measurement_by_measured_at_is_current_and_keeps_the_agreement(world):
    kpi = add_kpi(world)
    assert kpis(world)[0]["current"] is None and kpis(world)[0]["measurements"] == []
    agree_both(world)
    seq = log(world)[-1]["seq"]
    late = measure(world, kpi, value=0.10, measured_at=at(1), note="after the pilot week")
    assert late["value"] == 0.10 and late["note"] == "after the pilot week" and late["created_by"]["name"] == "Provider"
    measure(world, kpi, value=0.11, measured_at=at(5))  # recorded later, measured earlier: not current
    now = measure(world, kpi, client=world.buyer, value=0.09)  # measured_at defaults to now
    assert abs(datetime.fromisoformat(now["measured_at"]) - datetime.now(timezone.utc)) < timedelta(minutes=1)

    [row] = kpis(world)
    assert row["current"]["id"] == now["id"] and row["current"]["value"] == 0.09
    assert row["measurement_count"] == 3
    assert [m["value"] for m in row["measurements"]] == [0.11, 0.10, 0.09]  # oldest first, for the chart
    listed = expect(world.viewer.get(f"/kpis/{kpi['id']}/measurements"), 200)
    assert [m["value"] for m in listed] == [0.11, 0.10, 0.09]
    # measuring is not changing the KPI: both agreements stand, one event per measurement
    assert expect(world.buyer.get(f"/initiatives/{world.initiative}/kpis/agreement"), 200)["agreed"] is True
    events = [e for e in log(world) if e["seq"] > seq]
    assert [e["type"] for e in events] == ["kpi.measured"] * 3
    assert events[-1]["data"]["kpi"]["current"]["id"] == now["id"]
    assert events[-1]["data"]["measurement"] == now


def test_current_shows_in_the_agreement_the_board_reads(world):
    kpi = add_kpi(world)
    measure(world, kpi, value=0.1)
    state = expect(world.buyer.get(f"/initiatives/{world.initiative}/kpis/agreement"), 200)
    assert state["kpis"][0]["current"]["value"] == 0.1


@pytest.mark.parametrize("body, field", [
    ({}, "value"),
    ({"value": "1,500"}, "value"),
    ({"value": "2.6"}, "value"),  # text is refused even when it would parse: the client parses
    ({"value": True}, "value"),
    ({"value": None}, "value"),
    ({"value": 1e300}, "value"),
    ({"value": 1, "measured_at": "yesterday"}, "measured_at"),
    ({"value": 1, "measured_at": "2026-01-01T10:00:00"}, "measured_at"),  # no time zone
    ({"value": 1, "note": "x" * 5001}, "note"),
    ({"value": 1, "unknown": 1}, "unknown"),
])
def test_bad_measurements_are_422_naming_the_field_and_change_nothing(world, body, field):
    kpi = add_kpi(world)
    before = log(world)
    error(world.provider.post(f"/kpis/{kpi['id']}/measurements", body), 422, field=field)
    assert log(world) == before and kpis(world)[0]["measurement_count"] == 0


def test_a_measurement_in_the_future_is_refused_beyond_a_small_clock_skew(world):
    kpi = add_kpi(world)
    soon = (datetime.now(timezone.utc) + timedelta(minutes=2)).isoformat()
    measure(world, kpi, measured_at=soon)
    later = (datetime.now(timezone.utc) + timedelta(hours=1)).isoformat()
    error(world.provider.post(f"/kpis/{kpi['id']}/measurements", {"value": 1, "measured_at": later}), 422,
          field="measured_at")
    assert kpis(world)[0]["measurement_count"] == 1


def test_a_measurement_names_an_experiment_of_the_same_initiative_only(world):
    kpi = add_kpi(world)
    exp = expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "experiment", "title": "Link"}), 201)
    story = expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "story", "title": "S"}), 201)
    elsewhere = expect(world.outsider.post(f"/initiatives/{world.other_initiative}/cards",
                                           {"kind": "experiment", "title": "Other"}), 201)
    assert measure(world, kpi, experiment_id=exp["id"])["experiment_id"] == exp["id"]
    for bad in (story["id"], elsewhere["id"], "nope"):
        error(world.provider.post(f"/kpis/{kpi['id']}/measurements", {"value": 1, "experiment_id": bad}), 422,
              field="experiment_id")
    assert kpis(world)[0]["measurement_count"] == 1


def test_who_may_record_read_and_remove_measurements(world):
    kpi = add_kpi(world)
    error(world.viewer.post(f"/kpis/{kpi['id']}/measurements", {"value": 1}), 403)
    error(world.outsider.post(f"/kpis/{kpi['id']}/measurements", {"value": 1}), 404)
    error(world.outsider.get(f"/kpis/{kpi['id']}/measurements"), 404)
    first, second = measure(world, kpi, value=1), measure(world, kpi, value=2)
    error(world.buyer.delete(f"/measurements/{first['id']}"), 403, "not_measurement_author")
    error(world.outsider.delete(f"/measurements/{first['id']}"), 404)
    expect(world.provider.delete(f"/measurements/{first['id']}"), 204)
    expect(world.facilitator.delete(f"/measurements/{second['id']}"), 204)  # a facilitator tidies the board
    assert kpis(world)[0]["current"] is None
    assert [e["type"] for e in log(world)][-2:] == ["kpi.measurement_deleted"] * 2
    error(world.provider.delete(f"/measurements/{first['id']}"), 404)


def test_a_concluded_experiment_cites_the_measurement_that_decided_it(world):
    kpi = add_kpi(world)
    m = measure(world, kpi, value=0.07)
    card = concluded_with(world, measurement_id=m["id"])
    assert card["measurement_id"] == m["id"]
    # a measurement of another initiative, or none at all, is refused naming the field
    other_kpi = expect(world.outsider.post(f"/initiatives/{world.other_initiative}/kpis", {"name": "Claims"}), 201)
    other = expect(world.outsider.post(f"/kpis/{other_kpi['id']}/measurements", {"value": 3}), 201)
    for bad in (other["id"], "nope"):
        error(world.provider.patch(f"/cards/{card['id']}", {"version": card["version"], "measurement_id": bad}), 422,
              field="measurement_id")
    obs = expect(world.provider.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"}), 201)
    error(world.provider.patch(f"/cards/{obs['id']}", {"version": obs["version"], "measurement_id": m["id"]}), 422,
          field="measurement_id")
    # deleting the measurement un-cites it: the card changes like any other, with its event
    expect(world.provider.delete(f"/measurements/{m['id']}"), 204)
    after = expect(world.provider.get(f"/cards/{card['id']}"), 200)
    assert after["measurement_id"] is None and after["version"] == card["version"] + 1
    updated = [e for e in log(world) if e["type"] == "card.updated"][-1]
    assert updated["data"]["changed"] == ["measurement_id"] and updated["data"]["id"] == card["id"]


def test_editing_a_kpi_withdraws_both_agreements_and_keeps_its_measurements(world):
    kpi = add_kpi(world)
    measure(world, kpi, value=0.1)
    agree_both(world)
    edited = expect(world.provider.patch(f"/kpis/{kpi['id']}", {"version": kpi["version"], "target": 0.05}), 200)
    assert edited["target"] == 0.05 and edited["current"]["value"] == 0.1
    assert expect(world.buyer.get(f"/initiatives/{world.initiative}/kpis/agreement"), 200)["agreed"] is False


def test_deleting_a_kpi_deletes_its_measurements_withdraws_agreement_and_uncites_learnings(world):
    keep, gone = add_kpi(world, name="Calls per case"), add_kpi(world)
    m = measure(world, gone, value=0.07)
    measure(world, keep, value=3)
    card = concluded_with(world, measurement_id=m["id"])
    error(world.viewer.delete(f"/kpis/{gone['id']}"), 403)
    error(world.outsider.delete(f"/kpis/{gone['id']}"), 404)
    seq = log(world)[-1]["seq"]
    expect(world.buyer.delete(f"/kpis/{gone['id']}"), 204)
    assert [k["name"] for k in kpis(world)] == ["Calls per case"]
    assert expect(world.buyer.get(f"/initiatives/{world.initiative}/kpis/agreement"), 200)["agreed"] is False
    assert expect(world.provider.get(f"/cards/{card['id']}"), 200)["measurement_id"] is None
    assert sorted(e["type"] for e in log(world) if e["seq"] > seq) == ["card.updated", "kpi.deleted",
                                                                      "kpis.agreement_withdrawn"]
    error(world.buyer.get(f"/kpis/{gone['id']}/measurements"), 404)
    error(world.provider.delete(f"/measurements/{m['id']}"), 404)


@pytest.mark.parametrize("field", ["baseline", "target"])
@pytest.mark.parametrize("value", ["2,6", "1,500", "2.6", True])
def test_kpi_numbers_are_json_numbers_text_is_422_naming_the_field(world, field, value):
    before = log(world)
    error(world.buyer.post(f"/initiatives/{world.initiative}/kpis", {"name": "Cost", field: value}), 422, field=field)
    kpi = add_kpi(world)
    error(world.buyer.patch(f"/kpis/{kpi['id']}", {"version": kpi["version"], field: value}), 422, field=field)
    assert len(log(world)) == len(before) + 1  # only the good KPI
