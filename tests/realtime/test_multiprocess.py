"""Scale-out (SPEC §6): two real ``board serve`` processes sharing PostgreSQL and Redis.

Edits, presence and revocations cross processes; the message queue carries JSON, never pickle.
"""
import json
import time

import pytest
import redis as redis_lib

from tests.realtime.harness import card_state, initiative_seq, wait_until
from tests.support.api import token_of

# several processes share one database: PostgreSQL only (SQLite is the one-process default)
pytestmark = pytest.mark.parametrize(
    "database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)

QUEUE_CHANNELS = ("flask-socketio", "board:control")


def _drain(pubsub, quiet: float) -> list[tuple[str, bytes]]:
    """Everything published on the subscribed channels so far: read until ``quiet`` seconds pass without one."""
    got, deadline = [], time.monotonic() + 30
    last = time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - last < quiet:
        item = pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
        if item is not None:  # None also stands for a skipped subscribe confirmation
            got.append((item["channel"].decode(), item["data"]))
            last = time.monotonic()
    return got


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_two_processes_share_edits_presence_and_revocation_over_a_json_queue(
        world, servers, clients, rest_for, redis_url, mode):
    listener = redis_lib.Redis.from_url(redis_url).pubsub()
    listener.subscribe(*QUEUE_CHANNELS)
    try:
        a, b = servers(mode, redis_url=redis_url), servers(mode, redis_url=redis_url)
        buyer = clients(a.url, token_of(world.buyer)).connect()
        provider = clients(b.url, token_of(world.provider)).connect()
        assert "error" not in buyer.join(world.initiative, 0)
        assert "error" not in provider.join(world.initiative, 0)
        both = (buyer, provider)

        # presence lives in Redis: each board lists the person on the other process too
        people = {world.users["buyer"], world.users["provider"]}
        for client in both:
            client.wait_for(lambda c: {p["id"] for p in c.presence} == people, timeout=5, what="presence of both")

        # a REST edit on A and a socket edit on B reach both clients, as live events
        rest_a = rest_for(a, world.buyer)
        card = rest_a.call("POST", f"/initiatives/{world.initiative}/cards",
                           {"kind": "observation", "text": "Agents re-key the address"}, expect=201)
        sent = provider.call("card:update", {"op_id": f"mp-{mode}", "card": card["id"],
                                             "data": {"version": 1, "text": "Re-keyed twice"}})
        assert sent["ok"] and sent["result"]["version"] == 2, sent
        seq = initiative_seq(rest_a, world.initiative)
        for client in both:
            client.wait_for(lambda c: c.seq == seq, timeout=5, what="both edits")
            assert client.cards == card_state(rest_a, world.initiative)
            assert client.cards[card["id"]]["text"] == "Re-keyed twice"
            # delivered through the queue, not recovered by the 2 s sync tick
            assert set(client.live_seqs()) >= {seq - 1, seq}, client.live_seqs()

        # removing the provider through REST on A revokes their socket on B at once
        rest_for(a, world.buyer_admin).call(
            "DELETE", f"/engagements/{world.engagement}/members/{world.users['provider']}", expect=204)
        revoked_after = wait_until(lambda: provider.revoked, timeout=5, what="revoked on B")
        assert provider.revoked == [{"initiative": world.initiative, "reason": "removed from the engagement"}]
        assert revoked_after < 1.5  # well inside one sync tick: pushed, not polled
        buyer.wait_for(lambda c: {p["id"] for p in c.presence} == {world.users["buyer"]}, timeout=5,
                       what="presence without the removed member")
        events_before, syncs_before = len(provider.events), len(provider.syncs)

        # nothing more of that board reaches the revoked socket (events nor sync ticks)
        later = rest_a.call("POST", f"/initiatives/{world.initiative}/cards",
                            {"kind": "observation", "text": "After the removal"}, expect=201)
        buyer.wait_for(lambda c: later["id"] in c.cards, timeout=5, what="edit after removal")
        time.sleep(2.5)  # longer than a sync tick
        assert provider.events[events_before:] == []
        assert [s for s in provider.syncs[syncs_before:] if s["initiative"] == world.initiative] == []
        assert later["id"] not in provider.cards

        # and its next socket write is refused, changing nothing
        refused = provider.call("card:update", {"op_id": f"mp-{mode}-after", "card": card["id"],
                                                "data": {"version": 2, "text": "sneaky"}})
        assert refused["error"]["code"] in ("not_found", "forbidden"), refused
        refused = provider.call("card:create", {"op_id": f"mp-{mode}-new", "initiative": world.initiative,
                                                "data": {"kind": "observation", "text": "sneaky"}})
        assert refused["error"]["code"] in ("not_found", "forbidden"), refused
        assert rest_a.call("GET", f"/cards/{card['id']}", expect=200)["text"] == "Re-keyed twice"

        # the message queue carried JSON only
        messages = _drain(listener, 1.0)
    finally:
        listener.close()
    decoded = [(channel, json.loads(data)) for channel, data in messages]  # pickle would not parse
    ours = [m for ch, m in decoded if ch == "flask-socketio" and m.get("room") == f"initiative:{world.initiative}"]
    assert any(m.get("event") == "event" and m["data"][0]["data"].get("id") == card["id"] for m in ours)
    assert {"kind": "member_removed", "engagement": world.engagement, "user": world.users["provider"]} in \
        [m for ch, m in decoded if ch == "board:control"]
    print(f"\n[multiprocess {mode}] 2 servers, {len(messages)} queue messages all JSON "
          f"({len(ours)} for this board); both edits live on both clients (seq {seq}); "
          f"revoked on B {revoked_after * 1000:.0f} ms after REST removal on A; refused writes after")
