"""Appending events: the last step of every change, in the same transaction."""
from __future__ import annotations

from sqlalchemy import update

from ..db import jsonable, session, utcnow
from ..models import Event, Initiative, User


def next_seq(initiative_id: str) -> int:
    """Reserve the initiative's next ``seq`` (row-locked on PostgreSQL, serialised on SQLite)."""
    return session.execute(
        update(Initiative).where(Initiative.id == initiative_id)
        .values(last_seq=Initiative.last_seq + 1).returning(Initiative.last_seq)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def record(actor: User | None, engagement_id: str, initiative_id: str | None, type_: str, data: dict,
           *, anonymous: bool = False) -> Event:
    """Append one event; it is published only after the transaction commits.

    ``anonymous`` (a workshop hiding authors) keeps the actor in the audit log but off the wire.
    """
    if anonymous:
        data = {**data, "anonymous": True}
    seq = next_seq(initiative_id) if initiative_id else None
    event = Event(
        engagement_id=engagement_id, initiative_id=initiative_id, seq=seq, type=type_,
        actor_id=actor.id if actor else None, actor=actor, at=utcnow(), data=jsonable(data),
    )
    session.add(event)
    session.info.setdefault("events", []).append(event)
    return event
