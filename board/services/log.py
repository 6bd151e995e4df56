"""Reading the event log."""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..models import Event, Initiative, User
from ..permissions import scoped


def events_after(initiative_id: str, after: int, limit: int | None = None) -> list[Event]:
    """Events of an initiative with ``seq > after``, in order."""
    query = select(Event).where(Event.initiative_id == initiative_id, Event.seq > after).order_by(Event.seq)
    return list(session.scalars(query.limit(limit) if limit else query))


def list_events(actor: User, initiative_id: str, after: int = 0, limit: int = 500) -> list[Event]:
    """The event log of an initiative the actor can see, from ``after`` on."""
    scoped(actor, Initiative, initiative_id)
    return events_after(initiative_id, after, limit)
