"""Hostile input on a real server: deep or broken socket messages get an error ack, a huge chunked body a 413."""
from __future__ import annotations

import json

import pytest
import requests
import websocket

from tests.realtime.harness import card_state
from tests.support.api import token_of


def _socket(server, token: str):
    """A raw WebSocket speaking Engine.IO 4, connected to the Socket.IO namespace with ``token``."""
    ws = websocket.create_connection(server.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket",
                                     timeout=10)
    assert ws.recv().startswith("0{")
    ws.send("40" + json.dumps({"token": token}))
    assert ws.recv().startswith("40{")
    return ws


def _ack(ws, ack_id: int):
    """The ack of message ``ack_id`` (Socket.IO packet 43<id>[answer]), skipping other packets."""
    while True:
        packet = ws.recv()
        if packet == "2":  # Engine.IO ping
            ws.send("3")
        elif packet.startswith(f"43{ack_id}["):
            return json.loads(packet[len(f"43{ack_id}"):])[0]


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_broken_socket_messages_get_an_error_ack_and_change_nothing(world, servers, rest_for, mode):
    server = servers(mode)
    rest = rest_for(server, world.provider)
    before = card_state(rest, world.initiative)
    ws = _socket(server, token_of(world.provider))
    ini = world.initiative
    deep = "[" * 50_000 + "]" * 50_000
    messages = {
        1: '["join",null]',
        2: f'["card:create",{{"op_id":"h2","initiative":"{ini}","data":"not a mapping"}}]',
        3: f'["card:create",{{"op_id":"h3","initiative":"{ini}","data":{deep}}}]',
        4: f'["card:create",{{"op_id":"h4","initiative":"{ini}","data":{{"kind":"observation","text":"a\\ud800"}}}}]',
        5: f'["card:create",{{"op_id":"h5","initiative":"{ini}","data":{{"kind":"observation","deep":{"[" * 40 + "]" * 40}}}}}]',
    }
    answers = {}
    for ack_id, body in messages.items():
        ws.send(f"42{ack_id}{body}")
        answers[ack_id] = _ack(ws, ack_id)["error"]
    ws.close()
    assert answers[1]["code"] == "invalid" and "initiative" in answers[1]["fields"]
    assert answers[2]["code"] == "invalid" and "data" in answers[2]["fields"]
    assert answers[3]["code"] == "bad_request" and "nests deeper than 32 levels" in answers[3]["message"]
    assert answers[4] == {"code": "invalid", "fields": {"data.text": ["Not valid text (a lone UTF-16 surrogate)."]},
                          "message": answers[4]["message"]}
    assert answers[5]["code"] == "bad_request" and answers[5]["message"].startswith("data.deep.")
    assert card_state(rest, world.initiative) == before


def test_a_huge_chunked_body_without_a_length_is_refused_unread(world, servers):
    server = servers("eventlet")

    def body():
        for _ in range(160):  # 10 MB in 64 KB chunks
            yield b" " * 65_536

    r = requests.post(f"{server.url}/api/v1/auth/login", data=body(), timeout=30,
                      headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert "larger than this server accepts (2048 KB)" in r.json()["error"]["message"]
