"""In-app notifications: mentions, budget decisions, requests awaiting a sponsor."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, utcnow
from .user import User

NOTIFICATION_KINDS = ("mention", "budget_decided", "budget_pending", "library_pending", "library_decided")


class Notification(Base):
    """Something one person should see, live and on their next sign-in."""

    __tablename__ = "notifications"
    id: Mapped[str] = IdColumn()
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[str | None] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text)
    card_id: Mapped[str | None] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    request_id: Mapped[str | None] = mapped_column(ForeignKey("budget_requests.id", ondelete="CASCADE"))
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]  # what it asked for was done (by anyone): read from then on
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")
