"""A KPI measured on one board is current on every open board: ``kpi.measured`` reaches the other members'
sockets with the KPI as it now stands, and so do a measurement's removal and a KPI's deletion."""
from tests.support.api import token_of


def test_other_boards_hear_a_kpi_measured_and_deleted(world, servers, clients, rest_for):
    server = servers("eventlet")
    rest = rest_for(server, world.provider)
    kpi = rest.call("POST", f"/initiatives/{world.initiative}/kpis",
                    {"name": "Handle time", "unit": "min", "baseline": 10, "target": 6}, expect=201)
    watcher = clients(server.url, token_of(world.sponsor)).connect()
    start = watcher.join(world.initiative, None)["seq"]

    def heard(type_):
        return [e["data"] for e in watcher.events if e["seq"] > start and e["type"] == type_]

    first = rest.call("POST", f"/kpis/{kpi['id']}/measurements", {"value": 8.5, "note": "week one"}, expect=201)
    second = rest.call("POST", f"/kpis/{kpi['id']}/measurements", {"value": 7}, expect=201)
    watcher.wait_for(lambda c: len(heard("kpi.measured")) == 2, what="two kpi.measured events")
    last = heard("kpi.measured")[-1]
    assert last["measurement"]["id"] == second["id"] and last["kpi"]["id"] == kpi["id"]
    assert last["kpi"]["current"]["value"] == 7 and [m["value"] for m in last["kpi"]["measurements"]] == [8.5, 7]

    rest.call("DELETE", f"/measurements/{second['id']}", expect=204)
    watcher.wait_for(lambda c: heard("kpi.measurement_deleted"), what="kpi.measurement_deleted")
    assert heard("kpi.measurement_deleted")[0]["kpi"]["current"]["id"] == first["id"]

    rest.call("DELETE", f"/kpis/{kpi['id']}", expect=204)
    watcher.wait_for(lambda c: heard("kpi.deleted"), what="kpi.deleted")
    assert heard("kpi.deleted") == [{"id": kpi["id"], "initiative_id": world.initiative, "name": "Handle time"}]
