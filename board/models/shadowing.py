"""Shadowing sessions: provider staff watching the buyer's agents and customers."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, OnBoard, utcnow
from .user import User


class ShadowingSession(OnBoard, Base):
    """Who shadowed whom, where, when and for how long, and whether customers were in contact."""

    __tablename__ = "shadowing_sessions"
    id: Mapped[str] = IdColumn()
    shadower_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    host: Mapped[str] = mapped_column(String(200))
    context: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    duration_minutes: Mapped[int | None]
    customer_contact: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    shadower: Mapped[User] = relationship(lazy="joined")
    __mapper_args__ = {"version_id_col": version}
