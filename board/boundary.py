"""The transaction boundary: one commit per request, CLI command or socket event; publish after."""
from __future__ import annotations

from .db import session
from .realtime import broadcaster


def commit() -> None:
    """Commit the unit of work, then hand its events to the broadcaster."""
    events = session.info.pop("events", [])
    session.commit()
    if events:
        broadcaster.publish([e.message() for e in events if e.initiative_id])


def rollback() -> None:
    """Discard the unit of work and its unpublished events."""
    session.info.pop("events", None)
    session.rollback()
