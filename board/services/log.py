"""Reading the event log, and catching a client up on a board."""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..models import Event, Initiative, User
from ..permissions import scoped
from . import readside

SNAPSHOT_AFTER = 500  # a client further behind than this gets a snapshot instead of events


def events_after(initiative_id: str, after: int, limit: int | None = None) -> list[Event]:
    """Events of an initiative with ``seq > after``, in order."""
    query = select(Event).where(Event.initiative_id == initiative_id, Event.seq > after).order_by(Event.seq)
    return list(session.scalars(query.limit(limit) if limit else query))


def list_events(actor: User, initiative_id: str, after: int = 0, limit: int = 500) -> list[Event]:
    """The event log of an initiative the actor can see, from ``after`` on."""
    scoped(actor, Initiative, initiative_id)
    return events_after(initiative_id, after, limit)


def catch_up(actor: User, initiative: Initiative, since: int | None) -> dict:
    """What a client that has the board up to ``since`` needs: ``{seq, events}`` after it, or
    ``{seq, snapshot}`` when it has nothing, is ahead of the log or is over ``SNAPSHOT_AFTER`` behind.

    ``initiative`` is one ``actor`` may see. Call it once the client receives the board's live
    events: it re-reads the latest ``seq``, so nothing committed in between is missed.
    """
    session.refresh(initiative)
    last = initiative.last_seq
    if since is None or since > last or last - since > SNAPSHOT_AFTER:
        snapshot = readside.snapshot(actor, initiative.id)
        return {"seq": snapshot["seq"], "snapshot": snapshot}
    events = events_after(initiative.id, since)
    return {"seq": events[-1].seq if events else since, "events": [e.message() for e in events]}
