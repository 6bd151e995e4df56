"""Keep blocking C calls (SQLite) off the event loop under eventlet or gevent, and queue writers fairly.

PostgreSQL needs none of this: psycogreen makes psycopg2 cooperative. SQLite's C library blocks the
whole process while it waits for a lock or the disk, so under a green-thread server the calls that
can wait run in a native worker thread instead: whatever runs outside a transaction (``BEGIN
IMMEDIATE`` waits for the write lock; connect-time PRAGMAs) and ``COMMIT`` (which may checkpoint the
WAL to disk). Inside an open transaction nothing waits on another connection — a writer already
holds the lock, and WAL readers never wait for writers — so those statements and every fetch run
directly: a round trip to a native thread costs far more (~50-100 µs, see docs/performance.md) than
a statement on a warm page cache.

Writers of this process also queue on a :class:`WriteGate` before ``BEGIN IMMEDIATE``: first come,
first served, woken the moment the previous writer commits, instead of SQLite's busy handler, which
polls with sleeps of up to 100 ms (long tails) and, with a bounded thread pool, could fill every
worker thread with waiters while the lock holder needs one to commit.
"""
from __future__ import annotations

import collections
import sqlite3
import sys
import threading
from typing import Any, Callable

Runner = Callable[..., Any]
GATE_TIMEOUT = 30  # seconds a writer queues in the process before leaving it to SQLite's busy timeout


def native_runner() -> Runner | None:
    """How to run a blocking call in a real thread for the active green-thread library, if any."""
    if "eventlet" in sys.modules:
        from eventlet import patcher, tpool

        if patcher.is_monkey_patched("thread"):
            return tpool.execute
    if "gevent" in sys.modules:
        import gevent
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            return lambda fn, *args, **kw: gevent.get_hub().threadpool.apply(fn, args, kw)
    return None


def direct(fn, *args, **kw):
    """The runner without green threads: just call."""
    return fn(*args, **kw)


class WriteGate:
    """One writing transaction at a time per database in this process, strictly in arrival order.

    The turn is handed straight to the longest waiter (no barging: a writer arriving just as the
    gate frees cannot overtake those queued, which under load starved some requests for seconds).
    Green-aware under eventlet/gevent (their monkey-patched ``threading``), real threads otherwise.
    A connection that already holds the turn for its thread (a nested unit of work) does not queue
    behind itself.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: collections.deque[threading.Event] = collections.deque()
        self._busy = False
        self.owner: int | None = None

    def enter(self) -> bool:
        """Wait for our turn; False when not taken (nested, or queued past ``GATE_TIMEOUT``)."""
        me = threading.get_ident()
        if self.owner == me:
            return False
        with self._lock:
            if not self._busy:
                self._busy, self.owner = True, me
                return True
            turn = threading.Event()
            self._queue.append(turn)
        if not turn.wait(GATE_TIMEOUT):
            with self._lock:
                if turn in self._queue:  # gave up: leave it to SQLite's busy timeout
                    self._queue.remove(turn)
                    return False
            # handed the turn just as we gave up: it is ours
        self.owner = me
        return True

    def leave(self) -> None:
        with self._lock:
            self.owner = None
            if self._queue:
                self._queue.popleft().set()  # the gate stays busy: the turn passes to the next writer
            else:
                self._busy = False


class SQLiteConnection:
    """A sqlite3 connection whose waiting calls run through ``run`` and whose writers pass ``gate``."""

    __slots__ = ("_obj", "_run", "_gate", "_holds_gate")

    def __init__(self, obj: sqlite3.Connection, run: Runner, gate: WriteGate):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_run", run)
        object.__setattr__(self, "_gate", gate)
        object.__setattr__(self, "_holds_gate", False)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._obj, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._obj, name, value)

    def cursor(self, *args) -> "SQLiteCursor":
        return SQLiteCursor(self._obj.cursor(*args), self)

    def execute(self, sql: str, *args) -> "SQLiteCursor":
        return self.cursor().execute(sql, *args)

    def _release(self) -> None:
        if self._holds_gate and not self._obj.in_transaction:
            object.__setattr__(self, "_holds_gate", False)
            self._gate.leave()

    def _outside_transaction(self, call: Callable, sql: str, *args) -> Any:
        """A statement that may wait: queue at the gate for a write, then run in a native thread."""
        if sql.lstrip()[:15].upper().startswith("BEGIN IMMEDIATE") and not self._holds_gate:
            object.__setattr__(self, "_holds_gate", self._gate.enter())
        try:
            return self._run(call, sql, *args)
        finally:
            self._release()  # BEGIN failed (busy), or a statement outside any transaction

    def commit(self) -> None:
        try:
            self._run(self._obj.commit)
        finally:
            self._release()

    def rollback(self) -> None:
        try:
            self._obj.rollback()  # never waits: it only drops this connection's changes
        finally:
            self._release()

    def close(self) -> None:
        try:
            self._obj.close()
        finally:
            if self._holds_gate:
                object.__setattr__(self, "_holds_gate", False)
                self._gate.leave()


class SQLiteCursor:
    """A cursor of :class:`SQLiteConnection`: statements outside a transaction go through it."""

    __slots__ = ("_obj", "_conn")

    def __init__(self, obj: sqlite3.Cursor, conn: SQLiteConnection):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_conn", conn)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._obj, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._obj, name, value)

    def __iter__(self):
        return iter(self._obj.fetchall())

    def _statement(self, method: str, sql: str, *args) -> "SQLiteCursor":
        call = getattr(self._obj, method)
        if self._conn._obj.in_transaction:
            call(sql, *args)
        else:
            self._conn._outside_transaction(call, sql, *args)
        return self

    def execute(self, sql: str, *args) -> "SQLiteCursor":
        return self._statement("execute", sql, *args)

    def executemany(self, sql: str, *args) -> "SQLiteCursor":
        return self._statement("executemany", sql, *args)


def sqlite_connector(path: str, gate: WriteGate, run: Runner | None) -> Callable[[], SQLiteConnection]:
    """A SQLAlchemy ``creator`` for the SQLite file at ``path``."""

    def creator() -> SQLiteConnection:
        conn = (run or direct)(sqlite3.connect, path, timeout=30, check_same_thread=False)
        return SQLiteConnection(conn, run or direct, gate)

    return creator
