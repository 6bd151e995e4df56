"""The transaction boundary: one commit per request, CLI command or socket event; publish after."""
from __future__ import annotations

import threading

from . import mailer
from .db import session
from .realtime import broadcaster, control
from .services import derived


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


def commit() -> None:
    """Commit the unit of work, then hand its events and revocations to the realtime layer.

    A unit of work with something to publish holds the process's publishing turn from its commit
    until its messages are handed on: writes are broadcast in the order they committed. Without
    it, a thread that had committed could be overtaken between its commit and its emit by the next
    write (committed later, published first), and clients saw gaps in ``seq``.
    """
    derived.before_commit()  # last writes of the unit of work: power_ups.changed where they changed
    events = session.info.pop("events", [])
    revocations = session.info.pop("revocations", [])
    notices = session.info.pop("notices", [])
    pushes = session.info.pop("pushes", [])
    mail = session.info.pop("mail", False)
    if not (events or revocations or notices or pushes):
        session.commit()
    else:
        with _publishing_turn():
            session.commit()
            if events:
                broadcaster.publish([e for e in events if e["initiative"]])
            for user_id, payload in notices:
                broadcaster.notify(user_id, payload)
            for user_id, name, payload in pushes:
                broadcaster.to_user(user_id, name, payload)
            if revocations:
                control.publish(revocations)
    if mail:
        mailer.wake()


def rollback() -> None:
    """Discard the unit of work and what it would have published."""
    for key in ("events", "revocations", "notices", "pushes", "mail"):
        session.info.pop(key, None)
    session.rollback()


def revoke(message: dict) -> None:
    """After commit, tell live sockets (on every process) that access ended: see ``realtime.control``."""
    session.info.setdefault("revocations", []).append(message)


def notify(user_id: str, payload: dict) -> None:
    """After commit, push a notification to that person's live sockets."""
    session.info.setdefault("notices", []).append((user_id, payload))


def push(user_ids, name: str, payload: dict) -> None:
    """After commit, send a Socket.IO message ``name`` to each of these people's open sockets."""
    for user_id in dict.fromkeys(user_ids):
        session.info.setdefault("pushes", []).append((user_id, name, payload))
