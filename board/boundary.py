"""The transaction boundary: one commit per request, CLI command or socket event; publish after."""
from __future__ import annotations

from .db import session
from .realtime import broadcaster, control


def commit() -> None:
    """Commit the unit of work, then hand its events and revocations to the realtime layer."""
    events = session.info.pop("events", [])
    revocations = session.info.pop("revocations", [])
    session.commit()
    if events:
        broadcaster.publish([e.message() for e in events if e.initiative_id])
    if revocations:
        control.publish(revocations)


def rollback() -> None:
    """Discard the unit of work and what it would have published."""
    session.info.pop("events", None)
    session.info.pop("revocations", None)
    session.rollback()


def revoke(message: dict) -> None:
    """After commit, tell live sockets (on every process) that access ended: see ``realtime.control``."""
    session.info.setdefault("revocations", []).append(message)
