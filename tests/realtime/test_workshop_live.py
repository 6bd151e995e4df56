"""Workshop mode over Socket.IO: the facilitator's changes reach everyone live, votes stay hidden on the wire,
a (re)joining client gets the whole workshop state in its snapshot, ending it leaves nothing behind, and
hidden authors stay hidden on comments too."""
from datetime import datetime

import requests

from tests.realtime.harness import all_at_once
from tests.support.api import token_of


def test_workshop_changes_reach_others_live_and_votes_stay_hidden(world, servers, clients, rest_for):
    server = servers("eventlet")
    w, base = world, f"/initiatives/{world.initiative}"
    facilitator, buyer = rest_for(server, w.facilitator), rest_for(server, w.buyer)
    watcher = clients(server.url, token_of(w.provider)).connect()
    assert "error" not in watcher.join(w.initiative, 0)

    def next_event(type_):
        watcher.wait_for(lambda c: any(e["type"] == type_ for e in c.events), what=type_)
        return next(e for e in watcher.events if e["type"] == type_)

    state = facilitator.call("PUT", f"{base}/workshop/timer", {"action": "start", "seconds": 300}, expect=200)
    timer = next_event("workshop.timer")
    assert timer["actor"]["name"] == "Facilitator" and timer["data"]["timer"]["ends_at"] == state["timer"]["ends_at"]
    left = datetime.fromisoformat(timer["data"]["timer"]["ends_at"]) - datetime.fromisoformat(timer["data"]["server_time"])
    assert 298 <= left.total_seconds() <= 300  # a client counts down from these two, whatever its own clock says

    card = buyer.call("POST", f"{base}/cards", {"kind": "observation", "text": "Agents re-key the address"}, expect=201)
    facilitator.call("PUT", f"{base}/workshop/focus", {"card_id": card["id"]}, expect=200)
    assert next_event("workshop.focus")["data"]["focus_by"]["name"] == "Facilitator"

    rnd = facilitator.call("POST", f"{base}/voting-rounds", {"votes_per_person": 3}, expect=201)
    buyer.call("POST", f"/voting-rounds/{rnd['id']}/votes", {"card_id": card["id"]}, expect=201)
    cast = next_event("vote.cast")
    assert cast["actor"] is None and card["id"] not in str(cast["data"])
    assert (cast["data"]["votes_cast"], cast["data"]["voters"]) == (1, 1)

    cluster = buyer.call("POST", f"{base}/clusters", {"label": "Re-keying"}, expect=201)
    assert next_event("cluster.created")["data"]["label"] == "Re-keying"
    buyer.call("PATCH", f"/cards/{card['id']}", {"version": 1, "cluster_id": cluster["id"]}, expect=200)
    watcher.wait_for(lambda c: c.cards[card["id"]].get("cluster_id") == cluster["id"], what="card joins the cluster")

    # a reload: the snapshot carries timer, focus (and who set it), clusters, and the round as this member sees it
    snap = clients(server.url, token_of(w.buyer)).connect().join(w.initiative, None)["snapshot"]
    assert snap["workshop"]["timer"]["ends_at"] == state["timer"]["ends_at"]
    assert snap["workshop"]["focus_card_id"] == card["id"] and snap["workshop"]["focus_by"]["name"] == "Facilitator"
    assert snap["workshop"]["voting_round_id"] == rnd["id"]
    assert [c["label"] for c in snap["clusters"]] == ["Re-keying"]
    assert snap["voting_round"]["my_votes"] == [card["id"]] and snap["voting_round"]["results"] is None
    other = clients(server.url, token_of(w.sponsor)).connect().join(w.initiative, None)["snapshot"]["voting_round"]
    assert other["my_votes"] == [] and other["votes_cast"] == 1 and other["voters"] == 1

    facilitator.call("POST", f"/voting-rounds/{rnd['id']}/reveal", expect=200)
    revealed = next_event("voting.revealed")["data"]
    assert revealed["results"] == [{"card_id": card["id"], "votes": 1, "rank": 1}]


def test_ending_the_workshop_reaches_everyone_and_leaves_nothing_on_a_rejoined_board(world, servers, clients, rest_for):
    server = servers("eventlet")
    w, base = world, f"/initiatives/{world.initiative}"
    facilitator, buyer = rest_for(server, w.facilitator), rest_for(server, w.buyer)
    watcher = clients(server.url, token_of(w.provider)).connect()
    assert "error" not in watcher.join(w.initiative, 0)
    card = buyer.call("POST", f"{base}/cards", {"kind": "observation", "text": "Agents re-key the address"}, expect=201)
    facilitator.call("PUT", f"{base}/workshop/timer", {"action": "start", "seconds": 300}, expect=200)
    facilitator.call("PATCH", f"{base}/workshop", {"anonymous": True}, expect=200)
    facilitator.call("PUT", f"{base}/workshop/focus", {"card_id": card["id"]}, expect=200)
    rnd = facilitator.call("POST", f"{base}/voting-rounds", {"votes_per_person": 2}, expect=201)
    buyer.call("POST", f"/voting-rounds/{rnd['id']}/votes", {"card_id": card["id"]}, expect=201)

    answer = facilitator.call("POST", f"{base}/workshop/end", expect=200)
    watcher.wait_for(lambda c: any(e["type"] == "workshop.ended" for e in c.events), what="workshop.ended")
    ended = next(e for e in watcher.events if e["type"] == "workshop.ended")
    assert ended["actor"]["name"] == "Facilitator" and ended["data"] == answer
    assert ended["data"]["timer"]["status"] == "idle" and ended["data"]["focus_card_id"] is None
    assert ended["data"]["anonymous"] is False and ended["data"]["voting_round_id"] is None
    assert ended["data"]["summary"]["voting"]["ranking"] == [
        {"card_id": card["id"], "title": "Agents re-key the address", "votes": 1, "rank": 1}]

    # the next day: a fresh board has no timer, round, focus or anonymity left on it
    snap = clients(server.url, token_of(w.sponsor)).connect().join(w.initiative, None)["snapshot"]
    assert snap["workshop"]["timer"]["status"] == "idle" and snap["workshop"]["focus_card_id"] is None
    assert snap["workshop"]["anonymous"] is False and snap["voting_round"] is None
    assert next(c for c in snap["cards"] if c["id"] == card["id"])["author"]["name"] == "Buyer"
    # a new round after the end is the board's again
    again = facilitator.call("POST", f"{base}/voting-rounds", {"votes_per_person": 1}, expect=201)
    snap = clients(server.url, token_of(w.sponsor)).connect().join(w.initiative, None)["snapshot"]
    assert snap["voting_round"]["id"] == again["id"]


def test_a_hidden_authors_comment_reaches_others_with_its_side_but_not_its_author(world, servers, clients, rest_for):
    server = servers("eventlet")
    w, base = world, f"/initiatives/{world.initiative}"
    card = rest_for(server, w.provider).call("POST", f"{base}/cards", {"kind": "observation", "text": "Re-keys"}, expect=201)
    rest_for(server, w.facilitator).call("PATCH", f"{base}/workshop", {"anonymous": True}, expect=200)
    watcher = clients(server.url, token_of(w.provider)).connect()
    assert "error" not in watcher.join(w.initiative, None)
    writer = clients(server.url, token_of(w.buyer)).connect()
    ack = writer.call("comment:create", {"op_id": "c1", "card": card["id"], "data": {"text": "Every time?"}})
    assert ack["ok"] and ack["result"]["author"] is None and ack["result"]["side"] == "buyer"
    rest_for(server, w.sponsor).call("POST", f"/cards/{card['id']}/comments", {"text": "Since May"}, expect=201)
    watcher.wait_for(lambda c: sum(e["type"] == "comment.created" for e in c.events) == 2, what="two comments")
    for event in (e for e in watcher.events if e["type"] == "comment.created"):
        assert event["actor"] is None and event["data"]["author"] is None and event["data"]["side"] == "buyer"
        assert "Buyer" not in str(event) and "Sponsor" not in str(event) and w.users["buyer"] not in str(event)


def test_votes_sent_at_once_count_each_up_to_the_cap(world, servers, rest_for):
    server = servers("eventlet")
    w, base = world, f"/initiatives/{world.initiative}"
    card = rest_for(server, w.provider).call("POST", f"{base}/cards", {"kind": "observation", "text": "Re-keys"}, expect=201)
    rnd = rest_for(server, w.facilitator).call("POST", f"{base}/voting-rounds", {"votes_per_person": 3}, expect=201)
    buyer = rest_for(server, w.buyer)
    statuses = []

    def click(_writer, _name):
        r = requests.post(f"{buyer.base}/api/v1/voting-rounds/{rnd['id']}/votes", json={"card_id": card["id"]},
                          headers=buyer.headers, timeout=30)
        statuses.append(r.status_code)

    all_at_once(click, range(6))
    assert sorted(statuses) == [201, 201, 201, 409, 409, 409]
    assert buyer.call("GET", f"/voting-rounds/{rnd['id']}", expect=200)["my_votes"] == [card["id"]] * 3
