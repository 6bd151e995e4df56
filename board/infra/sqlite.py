"""SQLite connections for green-thread servers: what can wait runs in a native thread (see :mod:`.greenio`)."""
from __future__ import annotations

import sqlite3
from typing import Any, Callable

from .greenio import BUSY_TIMEOUT_MS, Checkpointer, Runner, WriteGate, direct


class SQLiteConnection:
    """A sqlite3 connection whose waiting calls run through ``run`` and whose writers pass ``gate``.

    With a ``checkpointer`` (green threads), ``BEGIN`` and ``COMMIT`` run inline as described above.
    """

    __slots__ = ("_obj", "_run", "_gate", "_holds_gate", "_checkpointer", "_changes")

    def __init__(self, obj: sqlite3.Connection, run: Runner, gate: WriteGate, checkpointer: Checkpointer | None = None):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_run", run)
        object.__setattr__(self, "_gate", gate)
        object.__setattr__(self, "_holds_gate", False)
        object.__setattr__(self, "_checkpointer", checkpointer)
        object.__setattr__(self, "_changes", 0)

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
        """A statement that may wait: queue at the gate for a write, then run where it cannot stall others."""
        head = sql.lstrip()[:15].upper()
        try:
            if head.startswith("BEGIN IMMEDIATE"):
                if not self._holds_gate:
                    object.__setattr__(self, "_holds_gate", self._gate.enter())
                if self._checkpointer is not None and self._begin_inline(call, sql, *args):
                    return None
            elif head.startswith("BEGIN") and self._checkpointer is not None:
                return call(sql, *args)  # a deferred BEGIN takes no lock: nothing to wait for
            return self._run(call, sql, *args)
        finally:
            self._release()  # BEGIN failed (busy), or a statement outside any transaction

    def _begin_inline(self, call: Callable, sql: str, *args) -> bool:
        """Take the write lock without waiting; False (nothing begun) when another process holds it."""
        obj = self._obj
        obj.execute("PRAGMA busy_timeout=0")
        try:
            call(sql, *args)
            return True
        except sqlite3.OperationalError as exc:
            if obj.in_transaction or not ("locked" in str(exc) or "busy" in str(exc)):
                raise
            return False
        finally:
            obj.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    def commit(self) -> None:
        try:
            if self._checkpointer is None:
                self._run(self._obj.commit)
            else:
                self._obj.commit()  # appends to the WAL; the checkpoint runs elsewhere
                total = self._obj.total_changes
                self._checkpointer.committed(total - self._changes)
                object.__setattr__(self, "_changes", total)
        finally:
            self._release()

    def rollback(self) -> None:
        try:
            self._obj.rollback()  # never waits: it only drops this connection's changes
            object.__setattr__(self, "_changes", self._obj.total_changes)
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


def sqlite_connector(path: str, gate: WriteGate, run: Runner | None,
                     spawn: Callable[[Callable[[], None]], None] | None = None) -> Callable[[], SQLiteConnection]:
    """A SQLAlchemy ``creator`` for the SQLite file at ``path``.

    Under green threads (``run`` and ``spawn`` given) its connections commit inline and leave WAL
    checkpoints to one :class:`Checkpointer` per database.
    """
    checkpointer = Checkpointer(path, gate, run, spawn) if run and spawn else None

    def connect() -> sqlite3.Connection:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        if checkpointer is not None:
            conn.execute("PRAGMA wal_autocheckpoint=0")
        return conn

    def creator() -> SQLiteConnection:
        return SQLiteConnection((run or direct)(connect), run or direct, gate, checkpointer)

    return creator
