"""The transaction boundary: one commit per request, CLI command or socket event; publish after."""
from __future__ import annotations

from .db import session
from .realtime import broadcaster, control


def commit() -> None:
    """Commit the unit of work, then hand its events and revocations to the realtime layer."""
    events = session.info.pop("events", [])
    revocations = session.info.pop("revocations", [])
    notices = session.info.pop("notices", [])
    session.commit()
    if events:
        broadcaster.publish([e for e in events if e["initiative"]])
    for user_id, payload in notices:
        broadcaster.notify(user_id, payload)
    if revocations:
        control.publish(revocations)


def rollback() -> None:
    """Discard the unit of work and what it would have published."""
    for key in ("events", "revocations", "notices"):
        session.info.pop(key, None)
    session.rollback()


def revoke(message: dict) -> None:
    """After commit, tell live sockets (on every process) that access ended: see ``realtime.control``."""
    session.info.setdefault("revocations", []).append(message)


def notify(user_id: str, payload: dict) -> None:
    """After commit, push a notification to that person's live sockets."""
    session.info.setdefault("notices", []).append((user_id, payload))
