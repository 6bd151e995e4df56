"""Appending events: the last step of every change, in the same transaction."""
from __future__ import annotations

from sqlalchemy import bindparam, insert, update

from ..db import jsonable, session, utcnow
from ..models import Event, Initiative, User
from ..models.event import wire
from ..uow import outbox

# Built once: these run on every write, and building a statement costs more than running it
# (~70 µs of SQLAlchemy's expression and cache-key work each time; see docs/performance.md).
_NEXT_SEQ = (update(Initiative.__table__).where(Initiative.__table__.c.id == bindparam("initiative"))
             .values(last_seq=Initiative.__table__.c.last_seq + 1).returning(Initiative.__table__.c.last_seq))
_INSERT = insert(Event.__table__)
PRIVATE = "board:private"  # the Socket.IO message carrying an author's own private card events


def next_seq(initiative_id: str) -> int:
    """Reserve the initiative's next ``seq`` (row-locked on PostgreSQL, serialised on SQLite)."""
    return session.connection().execute(_NEXT_SEQ, {"initiative": initiative_id}).scalar_one()


def record(actor: User | None, engagement_id: str, initiative_id: str | None, type_: str, data: dict,
           *, anonymous: bool = False, private_to: str | None = None) -> dict:
    """Append one event; its wire form (returned) is published only after the transaction commits.

    The event carries the ``op_id`` of the write that made it (``uow.idempotent``), if it named one.
    ``anonymous`` (a workshop hiding authors) keeps the actor in the audit log but off the wire.
    ``private_to`` (a card its author wrote in reflect, services/reflect.py): the event takes no ``seq``
    and reaches only that person's sockets, as a ``board:private`` message.
    The row goes in at once with a Core INSERT, after what the unit of work has pending (the event
    may refer to rows it adds): the ORM's own unit of work would cost several times more.
    """
    if anonymous:
        data = {**data, "anonymous": True}
    session.flush()
    seq = next_seq(initiative_id) if initiative_id and private_to is None else None
    at, data, box = utcnow(), jsonable(data), outbox()
    op_id = box.op_id
    session.connection().execute(_INSERT, {
        "engagement_id": engagement_id, "initiative_id": initiative_id, "seq": seq, "type": type_,
        "actor_id": actor.id if actor else None, "at": at, "data": data, "op_id": op_id,
    })
    message = wire(seq, initiative_id, type_, actor, at, data, op_id)
    if private_to is None:
        box.record(message)
    else:
        box.push([private_to], PRIVATE, message)
    return message
