"""Socket.IO on a real server: authentication, origins, join/replay, broadcast, idempotent ops."""
import json

import pytest
import requests
import socketio
import websocket

from tests.support.api import PASSWORD, token_of

def test_edit_reaches_every_member_on_the_board_and_only_them(world, servers, clients, rest_for, async_mode):
    server = servers(async_mode)
    buyer = clients(server.url, token_of(world.buyer)).connect()
    provider = clients(server.url, token_of(world.provider)).connect()
    outsider = clients(server.url, token_of(world.outsider)).connect()
    assert "error" not in buyer.join(world.initiative, 0)
    assert "error" not in provider.join(world.initiative, 0)
    assert "error" not in outsider.join(world.other_initiative, 0)

    card = rest_for(server, world.buyer).call("POST", f"/initiatives/{world.initiative}/cards",
                                              {"kind": "observation", "text": "Agents re-key the address"}, expect=201)
    for client in (buyer, provider):
        client.wait_for(lambda c: card["id"] in c.cards, what="card via REST")
    sent = provider.call("card:update", {"op_id": "op-1", "card": card["id"], "data": {"version": 1, "text": "twice"}})
    assert sent["ok"] and sent["result"]["version"] == 2
    buyer.wait_for(lambda c: c.cards[card["id"]]["text"] == "twice", what="socket edit")
    event = next(e for e in buyer.events if e["type"] == "card.updated")
    assert event["actor"]["name"] == "Provider" and event["initiative"] == world.initiative
    assert set(event) == {"seq", "initiative", "type", "actor", "at", "data", "op_id"}
    assert event["op_id"] == "op-1"  # the write's own op_id: the sender reconciles its pending edit by it
    assert next(e for e in buyer.events if e["type"] == "card.created")["op_id"] is None  # REST, no key
    assert all(e["initiative"] == world.other_initiative for e in outsider.events)
    assert not any(e["data"].get("id") == card["id"] for e in outsider.events)


def test_unauthenticated_bad_token_and_foreign_origin_are_refused(world, servers, clients, async_mode):
    server = servers(async_mode)
    for token in (None, "not-a-token"):
        with pytest.raises(socketio.exceptions.ConnectionError):
            clients(server.url, token).connect()
    with pytest.raises(socketio.exceptions.ConnectionError):
        clients(server.url, token_of(world.buyer), headers={"Origin": "http://evil.example"}).connect()
    # the server's own origin is allowed (the client sends it)
    clients(server.url, token_of(world.buyer), headers={"Origin": server.url}).connect()
    clients(server.url, token_of(world.buyer)).connect()


def test_allowed_origin_from_settings(world, servers, clients, async_mode):
    server = servers(async_mode, BOARD_ALLOWED_ORIGINS="https://board.example.com")
    clients(server.url, token_of(world.buyer), headers={"Origin": "https://board.example.com"}).connect()
    with pytest.raises(socketio.exceptions.ConnectionError):
        clients(server.url, token_of(world.buyer), headers={"Origin": "https://other.example.com"}).connect()


def test_session_cookie_authenticates_the_socket(world, servers, clients, async_mode):
    server = servers(async_mode)
    http = requests.Session()
    assert http.post(f"{server.url}/api/v1/auth/login",
                     json={"email": "buyer@example.com", "password": PASSWORD}).status_code == 200
    cookie = "; ".join(f"{k}={v}" for k, v in http.cookies.items())
    client = clients(server.url, headers={"Cookie": cookie}).connect()
    assert "error" not in client.join(world.initiative, 0)


def test_join_replays_after_since_or_sends_a_snapshot_and_refuses_strangers(world, servers, clients, rest_for, async_mode):
    server = servers(async_mode)
    rest = rest_for(server, world.buyer)
    for n in range(3):
        rest.call("POST", f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": f"n{n}"}, expect=201)
    client = clients(server.url, token_of(world.provider)).connect()
    ack = client.call("join", {"initiative": world.initiative, "since": 2})
    assert ack["seq"] == 4 and [e["seq"] for e in ack["events"]] == [3, 4]
    ack = client.call("join", {"initiative": world.initiative, "since": None})
    assert ack["seq"] == 4 and len(ack["snapshot"]["cards"]) == 3
    assert ack["snapshot"]["power_ups"]["courage"]["level"] == 0
    stranger = clients(server.url, token_of(world.outsider)).connect()
    refused = stranger.call("join", {"initiative": world.initiative, "since": 0})
    assert refused["error"]["code"] == "not_found"
    assert refused == stranger.call("join", {"initiative": "made-up-id", "since": 0})


def test_a_resent_op_changes_nothing_twice(world, servers, clients, rest_for, async_mode):
    server = servers(async_mode)
    client = clients(server.url, token_of(world.buyer)).connect()
    client.join(world.initiative, 0)
    op = {"op_id": "same-op", "initiative": world.initiative, "data": {"kind": "observation", "text": "once"}}
    first, second = client.call("card:create", op), client.call("card:create", op)
    assert first == second
    card = first["result"]
    edit = {"op_id": "same-edit", "card": card["id"], "data": {"version": card["version"], "text": "edited once"}}
    edited, again = client.call("card:update", edit), client.call("card:update", edit)
    assert edited == again and edited["result"]["version"] == card["version"] + 1
    rest = rest_for(server, world.buyer)
    cards = rest.call("GET", f"/initiatives/{world.initiative}/cards", expect=200)
    assert [(c["text"], c["version"]) for c in cards] == [("edited once", card["version"] + 1)]
    log = rest.call("GET", f"/initiatives/{world.initiative}/events", expect=200)
    assert [e["type"] for e in log] == ["initiative.created", "card.created", "card.updated"]
    assert [e["seq"] for e in log] == [1, 2, 3]  # the resends' writes were undone with their seq
    assert [e["op_id"] for e in log] == [None, "same-op", "same-edit"]
    client.wait_for(lambda c: len(c.events) >= 2, what="the live events")
    assert [(e["type"], e["op_id"]) for e in client.events] == [("card.created", "same-op"), ("card.updated", "same-edit")]
    caught_up = client.call("join", {"initiative": world.initiative, "since": 1})
    assert caught_up["events"] == client.events  # replayed as they went live, op_id included


def test_a_repeated_rest_write_with_an_idempotency_key_is_broadcast_once(world, servers, clients):
    server = servers("eventlet")
    watcher = clients(server.url, token_of(world.provider)).connect()
    watcher.join(world.initiative, 0)
    headers = {"Authorization": f"Bearer {token_of(world.buyer)}", "Idempotency-Key": "rest-op"}
    url, body = f"{server.url}/api/v1/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "once"}
    first, again = (requests.post(url, json=body, headers=headers, timeout=30) for _ in range(2))
    assert (first.status_code, again.status_code) == (201, 201) and first.json() == again.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    ack = watcher.call("card:update", {"op_id": "after", "card": first.json()["id"], "data": {"version": 1, "text": "b"}})
    assert ack["ok"]
    watcher.wait_for(lambda c: len(c.events) >= 2, what="both events")
    assert [(e["type"], e["op_id"]) for e in watcher.events] == [("card.created", "rest-op"), ("card.updated", "after")]


def test_socket_write_errors_use_the_error_shape_and_change_nothing(world, servers, clients, rest_for, async_mode):
    server = servers(async_mode)
    viewer = clients(server.url, token_of(world.viewer)).connect()
    viewer.join(world.initiative, 0)
    refused = viewer.call("card:create", {"op_id": "v1", "initiative": world.initiative,
                                          "data": {"kind": "observation", "text": "no"}})
    assert refused["error"]["code"] == "forbidden"
    bad = viewer.call("card:create", {"op_id": "v2", "initiative": world.initiative, "data": {"kind": "nope"}})
    assert bad["error"]["code"] == "invalid" and "kind" in bad["error"]["fields"]
    assert rest_for(server, world.buyer).call("GET", f"/initiatives/{world.initiative}/cards", expect=200) == []


def _websocket(server, token: str):
    """A raw WebSocket speaking Engine.IO 4, connected to the Socket.IO namespace with ``token``."""
    ws = websocket.create_connection(server.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket",
                                     timeout=5)
    assert ws.recv().startswith("0{")  # Engine.IO open
    ws.send("40" + json.dumps({"token": token}))
    return ws, ws.recv()


def _closed_by_server(ws) -> bool:
    """Whether the server closes the TCP connection (end of stream) within two seconds."""
    ws.sock.settimeout(2)
    try:
        return ws.sock.recv(1) == b""
    except TimeoutError:
        return False
    finally:
        ws.sock.close()


@pytest.mark.parametrize("mode", ["eventlet", "gevent", "threading"])
def test_the_server_closes_the_connection_after_the_websocket_closing_handshake(world, servers, mode):
    """RFC 6455 (7.1.1): the server closes TCP first. Under gevent and threads the connection stayed open
    after the handshake, and a client waited for it to close (three seconds in websocket-client)."""
    server = servers(mode)
    # the client closes: its close frame is answered with one, then the connection ends
    ws, connected = _websocket(server, token_of(world.buyer))
    assert connected.startswith("40{")
    ws.send_close()
    assert ws.recv_frame().opcode == websocket.ABNF.OPCODE_CLOSE
    assert _closed_by_server(ws), f"{mode}: the connection stayed open after the client's close"
    # the server closes (the client sent Engine.IO's close packet): its close frame, the client's answer
    ws, _ = _websocket(server, token_of(world.buyer))
    ws.send("1")
    assert ws.recv_frame().opcode == websocket.ABNF.OPCODE_CLOSE
    ws.send_close()
    assert _closed_by_server(ws), f"{mode}: the connection stayed open after the server's close"
    # a refused client closes the same way
    ws, refused = _websocket(server, "not-a-token")
    assert refused.startswith("44")  # Socket.IO CONNECT_ERROR
    ws.send_close()
    assert ws.recv_frame().opcode == websocket.ABNF.OPCODE_CLOSE
    assert _closed_by_server(ws), f"{mode}: the connection stayed open after a refused connect"
