"""The unit of work: one transaction per REST request, socket event or CLI command; publish after commit.

Every door runs a unit of work the same way. Services write through the scoped session and put
what others must learn in the unit's typed outbox (``outbox()``). The door then ends it with
``commit`` — the before-commit hooks run, the op's answer is remembered, the transaction commits and
only then is the outbox handed to the publisher, in commit order — or with ``recover`` (or
``rollback``), which drops the outbox. ``run`` is the whole sequence for doors that call a function.

Idempotency: a write that names an op (``idempotent``: a socket ``op_id``, a REST
``Idempotency-Key``) remembers its answer in ``processed_ops`` in its own transaction, and its events
carry the ``op_id``. Nothing is looked up before the write: a repeat fails where the first attempt
succeeded (its version is stale by then, or the INSERT of its answer collides, also when the first
attempt committed on another worker meanwhile), and only then does ``recover`` find the first
answer, which is the answer (docs/performance.md, change 24).

This module imports no realtime code: the app registers the publisher at start-up (``set_publisher``).
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Callable, TypeVar

from sqlalchemy import bindparam, insert, select

from . import db
from .models.ops import ProcessedOp
from .outbox import OpEntry, Outbox

log = logging.getLogger(__name__)
T = TypeVar("T")
Publisher = Callable[[Outbox], None]
Hook = Callable[[Outbox], None]

before_commit_hooks: list[Hook] = []
"""Called in order with the outbox of every writing unit of work, after its writes and before its
op's answer is remembered and it commits (also when it recorded nothing: return at once then). A hook
may write and record more events (``services.events.record``); they are published after the ones
before them. An exception aborts the unit of work: the door answers the error, nothing is published.
Read-only units of work (``read_only``) skip the hooks."""

_KEY = "board_uow"
_publisher: Publisher = lambda _outbox: None  # noqa: E731 - until the app sets one, nothing is told
_ops = ProcessedOp.__table__
# built once: they run on every idempotent write
_REMEMBER = insert(_ops)
_ANSWERED = select(_ops.c.response).where(_ops.c.user_id == bindparam("user"), _ops.c.op_id == bindparam("op"))


class UnitOfWork:
    """The session's current unit of work: its read-only flag and its outbox (with the op-log entry)."""

    __slots__ = ("read_only", "outbox")

    def __init__(self) -> None:
        self.read_only = False
        self.outbox = Outbox()

    @property
    def session(self):
        """The SQLAlchemy session the unit of work writes through."""
        return db.session()


def current() -> UnitOfWork:
    """The unit of work of this thread's (or green thread's) session, begun on first use."""
    info = db.session().info
    unit = info.get(_KEY)
    if unit is None:
        unit = info[_KEY] = UnitOfWork()
    return unit


def outbox() -> Outbox:
    """The current unit of work's outbox: what to publish once it commits."""
    return current().outbox


def read_only() -> None:
    """Declare the current unit of work read-only (before its first query): it takes no write lock."""
    current().read_only = True
    db.read_only()


def idempotent(user_id: str, op_id: str) -> None:
    """Declare that this unit of work applies ``user_id``'s op ``op_id``: once, however often it is sent."""
    current().outbox.op = OpEntry(user_id, op_id)


def op() -> OpEntry | None:
    """The op the current unit of work applies, if it declared one."""
    return current().outbox.op


def set_publisher(publisher: Publisher) -> None:
    """Who hands a committed outbox on (the realtime layer, the mailer): called after every commit."""
    global _publisher
    _publisher = publisher


_making = threading.Lock()  # held for an instant, only to make the turn below once
_turn: list = []


def _publishing_turn():
    """The process's publishing turn, made on first use: by then eventlet or gevent has patched
    ``threading`` (a real lock held by a green thread that waits would stall the whole process)."""
    if not _turn:
        with _making:
            if not _turn:
                _turn.append(threading.RLock())
    return _turn[0]


def commit(answer: dict | None = None) -> None:
    """End the unit of work: run the hooks, remember ``answer`` under its op, commit, then publish.

    A unit of work with something to publish holds the process's publishing turn from its commit
    until its messages are handed on: writes are broadcast in the order they committed. Without
    it, a thread that had committed could be overtaken between its commit and its publish by the
    next write (committed later, published first), and clients saw gaps in ``seq``.

    When this raises, the unit of work is still open: the door calls ``recover`` (or ``rollback``).
    """
    unit = current()
    box, session = unit.outbox, db.session()
    if not unit.read_only:
        for hook in before_commit_hooks:
            hook(box)
        if box.op is not None:
            box.op.answer = answer
            session.connection().execute(_REMEMBER, {"user_id": box.op.user_id, "op_id": box.op.op_id,
                                                     "response": answer, "created_at": db.utcnow()})
    if box.has_messages():
        with _publishing_turn():
            session.commit()
            _reset(unit)
            _publish(box)
    else:
        session.commit()
        _reset(unit)
        if box.mail:
            _publish(box)


def _publish(box: Outbox) -> None:
    try:
        _publisher(box)
    except Exception:  # committed is committed: clients catch up from the log at the next sync
        log.exception("publishing a committed unit of work failed")


def _reset(unit: UnitOfWork) -> None:
    unit.read_only, unit.outbox = False, Outbox()


def rollback() -> None:
    """Discard the unit of work and what it would have published."""
    _reset(current())
    db.session.rollback()


def answered(user_id: str, op_id: str) -> dict | None:
    """What ``user_id``'s op ``op_id`` answered when it was applied, if it was."""
    return db.session.connection().execute(_ANSWERED, {"user": user_id, "op": op_id}).scalar()


def recover() -> dict | None:
    """Roll back a failed unit of work; if it applied an op already applied before, that first answer."""
    entry = current().outbox.op
    rollback()
    if entry is None:
        return None
    try:
        read_only()  # the lookup takes no write lock
        return answered(entry.user_id, entry.op_id)
    except Exception:  # the lookup failed too: the first failure is the one to report
        log.warning("op lookup after a failed unit of work failed", exc_info=True)
        return None


def run(work: Callable[[], T]) -> T | dict[str, Any]:
    """Run ``work`` as one unit of work and commit it; on failure roll back and raise.

    When ``work`` declared an op (``idempotent``) that was applied before, the failure of its
    repeat is no failure: the first answer is returned instead. ``work``'s result is the op's answer.
    """
    try:
        result = work()
        commit(result if op() is not None else None)
        return result
    except Exception:
        done = recover()
        if done is None:
            raise
        return done
