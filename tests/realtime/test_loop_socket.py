"""Comments over Socket.IO: the board's room gets the comment, the mentioned member a live notification."""
import time

from tests.support.api import token_of


def test_a_comment_over_the_socket_reaches_the_board_and_notifies_the_mentioned_member(world, servers, clients, rest_for):
    server = servers("eventlet")
    provider = clients(server.url, token_of(world.provider)).connect()
    buyer = clients(server.url, token_of(world.buyer)).connect()  # not on the board: notified all the same
    watcher = clients(server.url, token_of(world.sponsor)).connect()
    rest = rest_for(server, world.provider)
    story = rest.call("POST", f"/initiatives/{world.initiative}/cards", {"kind": "story", "title": "Waiting"}, expect=201)
    provider.join(world.initiative, 0)
    watcher.join(world.initiative, 0)

    ack = provider.call("comment:create", {"op_id": "c1", "card": story["id"], "data": {"text": "@buyer is this right?"}})
    assert ack["ok"] and ack["result"]["mentions"] == [world.users["buyer"]], ack
    watcher.wait_for(lambda c: any(e["type"] == "comment.created" for e in c.events), what="comment event")
    event = next(e for e in watcher.events if e["type"] == "comment.created")
    assert event["data"]["card_id"] == story["id"] and event["data"]["text"] == "@buyer is this right?"
    buyer.wait_for(lambda c: c.notifications, what="mention notification")
    note = buyer.notifications[0]
    assert note["kind"] == "mention" and note["card_id"] == story["id"] and note["initiative_id"] == world.initiative
    assert note["actor"]["name"] == "Provider" and not note["read"]
    # the same op_id again is answered once: no second comment, no second notification
    again = provider.call("comment:create", {"op_id": "c1", "card": story["id"], "data": {"text": "@buyer is this right?"}})
    assert again["result"]["id"] == ack["result"]["id"]
    time.sleep(0.3)
    assert len(buyer.notifications) == 1 and watcher.notifications == [] and provider.notifications == []
    assert len(rest.call("GET", f"/cards/{story['id']}/comments", expect=200)) == 1
