"""The unit of work seen from its doors: commit then publish, a failed commit publishes nothing, and
the before-commit hook point (``board.uow.before_commit_hooks``)."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from board import db, uow
from board.extensions import socketio
from board.services import events
from tests.support.api import error, expect, log
from tests.support.api import token_of


@pytest.fixture
def watcher(app, world):
    """An in-process Socket.IO client of the provider, watching the world's board."""
    client = socketio.test_client(app, auth={"token": token_of(world.provider)})
    assert "error" not in client.emit("join", {"initiative": world.initiative, "since": None}, callback=True)
    client.get_received()
    yield client
    client.disconnect()


def received_events(client) -> list[dict]:
    return [m["args"][0] for m in client.get_received() if m["name"] == "event"]


@pytest.fixture
def hook():
    """Register a before-commit hook for one test."""
    added = []

    def register(fn):
        uow.before_commit_hooks.append(fn)
        added.append(fn)

    yield register
    for fn in added:
        uow.before_commit_hooks.remove(fn)


def test_a_commit_publishes_each_event_once_with_its_op_id(world, watcher):
    card = expect(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "a"},
                                   headers={"Idempotency-Key": "k-1"}), 201)
    ack = watcher.emit("card:update", {"op_id": "s-1", "card": card["id"], "data": {"version": 1, "text": "b"}},
                       callback=True)
    assert ack["ok"]
    got = received_events(watcher)
    assert [(e["type"], e["op_id"]) for e in got] == [("card.created", "k-1"), ("card.updated", "s-1")]
    assert got == log(world)[-2:]  # live and replayed alike


def test_a_failed_commit_answers_an_error_and_publishes_nothing(world, watcher, hook):
    def fail(_outbox):
        raise RuntimeError("the database went away")

    hook(fail)
    before = log(world)
    err = error(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"},
                                 headers={"Idempotency-Key": "k-2"}), 500, "internal")
    assert "nothing was changed" in err["message"]
    ack = watcher.emit("card:create", {"op_id": "s-2", "initiative": world.initiative,
                                       "data": {"kind": "observation", "text": "y"}}, callback=True)
    assert ack["error"]["code"] == "internal"
    assert received_events(watcher) == []
    assert expect(world.buyer.get(f"/initiatives/{world.initiative}/cards"), 200) == []  # reads run no hooks
    assert log(world) == before


@pytest.fixture
def failing_commit(database_url):
    """PostgreSQL: every COMMIT of a transaction that added an event fails (a deferred constraint trigger)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("only PostgreSQL checks constraints at COMMIT here")
    engine = create_engine(db.normalise_url(database_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE FUNCTION refuse_event() RETURNS trigger AS $$ BEGIN "
                          "RAISE EXCEPTION 'refused at commit'; END $$ LANGUAGE plpgsql"))
        conn.execute(text("CREATE CONSTRAINT TRIGGER refuse_event AFTER INSERT ON events "
                          "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_event()"))
    yield
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse_event ON events"))
        conn.execute(text("DROP FUNCTION refuse_event()"))
    engine.dispose()


def test_a_commit_the_database_refuses_answers_an_error_and_publishes_nothing(world, watcher, failing_commit):
    error(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "x"},
                           headers={"Idempotency-Key": "k-3"}), 500, "internal")
    ack = watcher.emit("card:create", {"op_id": "s-3", "initiative": world.initiative,
                                       "data": {"kind": "observation", "text": "y"}}, callback=True)
    assert ack["error"]["code"] == "internal"
    assert received_events(watcher) == []
    assert expect(world.buyer.get(f"/initiatives/{world.initiative}/cards"), 200) == []


def test_a_before_commit_hook_sees_the_events_and_adds_its_own_in_the_same_transaction(world, watcher, hook):
    seen = []

    def derive(outbox):
        seen.append(([e["type"] for e in outbox.events], outbox.initiatives, outbox.op_id))
        for initiative in outbox.initiatives:
            first = next(e for e in outbox.events if e["initiative"] == initiative)
            events.record(None, world.engagement, initiative, "test.derived", {"after": first["type"]})

    hook(derive)
    expect(world.buyer.post(f"/initiatives/{world.initiative}/cards", {"kind": "observation", "text": "a"},
                            headers={"Idempotency-Key": "k-4"}), 201)
    assert seen == [(["card.created"], [world.initiative], "k-4")]
    got = [(e["type"], e["op_id"]) for e in received_events(watcher)]
    assert got == [("card.created", "k-4"), ("test.derived", "k-4")]
    assert [(e["type"], e["op_id"]) for e in log(world)[-2:]] == got
