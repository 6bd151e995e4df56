"""Green-thread plumbing for SQLite: run blocking calls in native threads, queue writers fairly.

PostgreSQL needs none of this: psycogreen makes psycopg2 cooperative. SQLite's C library blocks the
whole process while it waits for a lock or the disk, so under a green-thread server nothing that
can wait may run on the event loop. What can wait, and where it runs:

- ``BEGIN IMMEDIATE`` waits for the write lock. Writers of this process queue on a
  :class:`WriteGate` first, so the lock is normally free: it is tried inline with a busy timeout of
  zero, and only when another process holds the lock does it go to a native thread to wait there.
- ``COMMIT`` would checkpoint the WAL to disk every 1,000 pages. Automatic checkpoints are off on
  these connections; a :class:`Checkpointer` runs them in a native thread instead (taking a
  writer's turn at the gate), so a commit only appends to the WAL (with ``synchronous=NORMAL``, no
  fsync) and runs inline.
- Connect-time PRAGMAs and any other statement outside a transaction run in a native thread.

This module holds the runners, the gate and the checkpointer; :mod:`board.infra.sqlite` the
connection that uses them.

Inside an open transaction nothing waits on another connection — a writer already holds the lock,
and WAL readers never wait for writers — so those statements and every fetch run directly. A round
trip to a native thread costs far more (~0.1-0.3 ms on one pinned core, where the two threads trade
the GIL; see docs/performance.md) than a statement on a warm page cache.

The gate is first come, first served, woken the moment the previous writer commits, instead of
SQLite's busy handler, which polls with sleeps of up to 100 ms (long tails) and, with a bounded
thread pool, could fill every worker thread with waiters while the lock holder needs one to commit.
"""
from __future__ import annotations

import collections
import sqlite3
import sys
import threading
from typing import Any, Callable

Runner = Callable[..., Any]
GATE_TIMEOUT = 30  # seconds a writer queues in the process before leaving it to SQLite's busy timeout
BUSY_TIMEOUT_MS = 30000  # how long a statement waits for a lock held by another process
# rows changed between WAL checkpoints: a card create changes 3 rows and appends ~14 pages (with its
# search index), so 300 are ~1,400 pages: about where SQLite's own automatic checkpoint runs (1,000)
CHECKPOINT_CHANGES = 300


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


def green_spawner() -> Callable[[Callable[[], None]], None] | None:
    """How to start a green thread without waiting for it, for the active green-thread library."""
    if "eventlet" in sys.modules:
        import eventlet
        from eventlet import patcher

        if patcher.is_monkey_patched("thread"):
            return eventlet.spawn_n
    if "gevent" in sys.modules:
        import gevent
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            return gevent.spawn
    return None


class Checkpointer:
    """Checkpoints a database's WAL once commits changed ``CHECKPOINT_CHANGES`` rows.

    What SQLite's automatic checkpoint does inside the ``COMMIT`` that crosses the threshold, off the
    commit path, in two passes run by a green thread in a native thread. The first copies the log
    to the database file and syncs it while writers carry on appending (copying and ``fsync`` take
    most of the time: milliseconds per few hundred pages). The second takes a turn at the gate like
    a writer and copies only what was appended meanwhile. Holding the turn for that pass matters:
    with writers appending, a checkpoint would never find the log fully copied, and the WAL could
    never start over from its beginning — it would grow with every write. Holding it for the first
    pass too left every writer waiting on the disk (the bench saw the gate held 6-12 ms, ~12 times
    a second, at 300 creates/s).
    """

    def __init__(self, path: str, gate: "WriteGate", run: Runner, spawn: Callable[[Callable[[], None]], None]) -> None:
        self.path, self.gate, self.run, self.spawn = path, gate, run, spawn
        self.changes, self.running = 0, False
        self._conn: sqlite3.Connection | None = None  # kept open: opening one costs more than a pass

    def committed(self, changes: int) -> None:
        """A commit that changed ``changes`` rows appended to the WAL."""
        self.changes += changes
        if self.changes >= CHECKPOINT_CHANGES and not self.running:
            self.changes, self.running = 0, True
            self.spawn(self._turn)

    def _turn(self) -> None:
        try:
            self.run(self._checkpoint)  # the bulk, beside the writers
            taken = self.gate.enter()
            try:
                self.run(self._checkpoint)  # the rest, writers held back: the log is then all copied
            finally:
                if taken:
                    self.gate.leave()
        finally:
            self.running = False

    def _checkpoint(self) -> None:
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:  # the next commits try again, on a new connection
            if self._conn is not None:
                self._conn.close()
                self._conn = None


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
