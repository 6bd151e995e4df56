"""Scenarios of board.infra run under eventlet in a process of their own (``python -m tests.infra.scenarios NAME``).

The test process is not monkey-patched (and must not be: other tests use real threads), so each
scenario runs where ``threading`` is green, as under ``board serve``, and prints its findings as JSON
for tests/infra to check.
"""
from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # eventlet announces its bugfix-only status on import
    import eventlet

    eventlet.monkey_patch()

import json  # noqa: E402  (after the patching, like board serve)
import sqlite3  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402

from board.infra import greenio, sqlite  # noqa: E402

SCENARIOS = {}


def scenario(fn):
    SCENARIOS[fn.__name__] = fn
    return fn


@scenario
def gate_order(_path: str) -> dict:
    """Writers queued behind a busy gate get it in the order they arrived, each once."""
    gate, order = greenio.WriteGate(), []
    assert gate.enter()

    def writer(n: int) -> None:
        gate.enter()
        order.append(n)
        eventlet.sleep(0.001)  # hold the turn across a switch: the next must still wait
        gate.leave()

    threads = []
    for n in range(6):
        threads.append(eventlet.spawn(writer, n))
        eventlet.sleep(0.002)  # arrival order 0, 1, 2, ...
    late = eventlet.spawn(writer, 6)
    gate.leave()  # frees as the sixth arrives: it must not overtake those queued
    for t in [*threads, late]:
        t.wait()
    return {"order": order, "busy_after": gate._busy}


@scenario
def gate_wait_is_green(_path: str) -> dict:
    """A writer waiting at the gate lets every other green thread run meanwhile."""
    gate, ticks = greenio.WriteGate(), []
    assert gate.enter()
    waited = {}

    def waiter() -> None:
        started = time.monotonic()
        waited["taken"] = gate.enter()
        waited["seconds"] = time.monotonic() - started
        gate.leave()

    def ticker() -> None:
        for _ in range(20):
            eventlet.sleep(0.005)
            ticks.append(time.monotonic())

    w, t = eventlet.spawn(waiter), eventlet.spawn(ticker)
    t.wait()  # ~100 ms of ticks while the waiter is queued
    before_release = "taken" in waited
    gate.leave()
    w.wait()
    return {"ticks": len(ticks), "waiter_done_before_release": before_release, **waited}


def _engine(path: str):
    from board import db

    engine = db.make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v TEXT)")
    return engine


@scenario
def gate_released_on_error(path: str) -> dict:
    """A writer whose statement fails, or that never ends its transaction itself, frees the gate."""
    from sqlalchemy.exc import IntegrityError

    engine = _engine(path)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO t (id, v) VALUES (1, 'first')")
    failed = False
    try:
        with engine.begin() as conn:  # rolled back by the context manager
            conn.exec_driver_sql("INSERT INTO t (id, v) VALUES (1, 'duplicate')")
    except IntegrityError:
        failed = True
    conn = engine.connect()
    conn.exec_driver_sql("INSERT INTO t (id, v) VALUES (2, 'left open')")
    conn.close()  # back to the pool mid-transaction: the pool's reset rolls it back

    started = time.monotonic()
    with engine.begin() as conn:  # would queue for GATE_TIMEOUT (30 s) behind a gate left taken
        conn.exec_driver_sql("INSERT INTO t (id, v) VALUES (3, 'next writer')")
    rows = sorted(r[0] for r in sqlite3.connect(path).execute("SELECT id FROM t"))
    return {"failed": failed, "next_writer_seconds": time.monotonic() - started, "rows": rows}


@scenario
def gate_serialises_writers(path: str) -> dict:
    """Concurrent green writers through the real connector: one transaction at a time, none lost."""
    engine = _engine(path)
    inside, most = [0], [0]

    def write(n: int) -> None:
        for i in range(10):
            with engine.begin() as conn:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
                conn.exec_driver_sql("INSERT INTO t (v) VALUES (?)", (f"{n}-{i}",))
                eventlet.sleep(0)  # let the others try to get in meanwhile
                inside[0] -= 1

    pool = [eventlet.spawn(write, n) for n in range(8)]
    for g in pool:
        g.wait()
    count = sqlite3.connect(path).execute("SELECT count(*) FROM t").fetchone()[0]
    return {"most_inside": most[0], "rows": count}


@scenario
def checkpointer(path: str) -> dict:
    """After CHECKPOINT_CHANGES changed rows the WAL is copied back (first pass beside the writers,
    second holding the gate), so it starts over instead of growing with every commit."""
    from eventlet import tpool

    gate, passes = greenio.WriteGate(), []

    def run(fn, *args, **kw):
        if fn.__name__ == "_checkpoint":
            passes.append(gate.owner == threading.get_ident())  # does this pass hold the gate?
        return tpool.execute(fn, *args, **kw)

    connect = sqlite.sqlite_connector(path, gate, run, eventlet.spawn_n)
    conn = connect()
    conn.isolation_level = None
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    commits = 3 * greenio.CHECKPOINT_CHANGES
    for _ in range(commits):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (v) VALUES (?)", ("x" * 200,))
        conn.commit()
        eventlet.sleep(0)  # the checkpointer's green thread runs between writes, as under load
    while conn._checkpointer.running:
        eventlet.sleep(0.01)
    # what is left in the WAL now, as SQLite counts it (busy, frames in the log, frames checkpointed)
    probe = sqlite3.connect(path)
    _busy, log_frames, _copied = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    auto = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    return {"commits": commits, "passes": passes, "log_frames": log_frames, "autocheckpoint": auto}


if __name__ == "__main__":
    print(json.dumps(SCENARIOS[sys.argv[1]](sys.argv[2])))
