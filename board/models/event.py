"""The append-only event log: audit trail, activity feed and realtime replay."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, utcnow
from .user import User


class Event(Base):
    """One change, numbered gap-free per initiative by ``seq``."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_initiative_seq", "initiative_id", "seq", unique=True),)
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[str | None] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    seq: Mapped[int | None]
    type: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    data: Mapped[dict] = mapped_column(default=dict)
    op_id: Mapped[str | None] = mapped_column(String(64))  # the write's op_id / Idempotency-Key
    actor: Mapped[User | None] = relationship(lazy="joined")

    @property
    def visible_actor(self) -> User | None:
        """Who did it, unless it happened while the workshop hid authors."""
        return None if (self.data or {}).get("anonymous") else self.actor

    def message(self) -> dict:
        """The wire form: ``{seq, initiative, type, actor, at, data, op_id}``."""
        return wire(self.seq, self.initiative_id, self.type, self.actor, self.at, self.data, self.op_id)


def wire(seq: int | None, initiative_id: str | None, type_: str, actor: User | None, at: datetime, data: dict,
         op_id: str | None = None) -> dict:
    """An event as clients get it, live or replayed; the actor is hidden while the workshop hid authors.

    ``op_id`` is the op of the write that made it (a socket ``op_id``, a REST ``Idempotency-Key``), or
    ``None``: a client recognises its own pending writes by it.
    """
    shown = None if (data or {}).get("anonymous") else actor
    return {
        "seq": seq,
        "initiative": initiative_id,
        "type": type_,
        "actor": {"id": shown.id, "name": shown.name} if shown else None,
        "at": at.isoformat(),
        "data": data,
        "op_id": op_id,
    }
