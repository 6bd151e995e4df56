"""Power-ups pushed over the socket: a socket edit that changes them broadcasts ``power_ups.changed``
right after its own event; a move or a text edit broadcasts nothing more than itself."""
from tests.support.api import token_of


def test_socket_writes_push_power_ups_only_when_they_change(world, servers, clients, rest_for):
    server = servers("eventlet")
    rest = rest_for(server, world.provider)
    base = f"/initiatives/{world.initiative}"
    obs = rest.call("POST", f"{base}/cards", {"kind": "observation", "text": "Retypes"}, expect=201)
    story = rest.call("POST", f"{base}/cards", {"kind": "story", "title": "Late payer"}, expect=201)
    watcher = clients(server.url, token_of(world.sponsor)).connect()
    writer = clients(server.url, token_of(world.buyer)).connect()
    start = watcher.join(world.initiative, None)["seq"]
    writer.join(world.initiative, None)

    def live_types():
        return [e["type"] for e in watcher.events if e["initiative"] == world.initiative and e["seq"] > start]

    moved = writer.call("card:update", {"op_id": "m1", "card": obs["id"], "data": {"version": 1, "lane_position": 7}})
    edited = writer.call("card:update", {"op_id": "m2", "card": obs["id"],
                                         "data": {"version": moved["result"]["version"], "text": "Retypes twice"}})
    assert edited["ok"], edited
    evidenced = writer.call("card:update", {"op_id": "m3", "card": story["id"],
                                            "data": {"version": 1, "evidence": [obs["id"]]}})
    assert evidenced["ok"], evidenced
    watcher.wait_for(lambda c: "power_ups.changed" in live_types(), what="power_ups.changed")
    assert live_types() == ["card.updated", "card.updated", "card.updated", "power_ups.changed"]
    pushed = watcher.events[-1]
    assert pushed["data"] == rest.call("GET", f"{base}/power-ups", expect=200)
    assert pushed["data"]["story"]["level"] == 1 and pushed["actor"] is None
    assert pushed["seq"] == watcher.seq  # in the log, in order: no gap for the client to fill
