"""The learning library: concluded experiments' learnings, shared across a provider's clients with consent."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, utcnow
from .user import User

# The fields that travel outside the source engagement once a buyer member approves.
SHARED_FIELDS = ("title", "hypothesis", "learning", "decision", "tags")


class LibraryEntry(Base):
    """A provider's proposal to share one learning; visible elsewhere only once approved."""

    __tablename__ = "library_entries"
    id: Mapped[str] = IdColumn()
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[str] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    provider_key: Mapped[str] = mapped_column(String(200), index=True)  # the provider, normalised
    status: Mapped[str] = mapped_column(String(16), default="proposed")  # proposed | approved | declined
    title: Mapped[str] = mapped_column(String(200))
    hypothesis: Mapped[str] = mapped_column(Text, default="")
    learning: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(String(16))
    tags: Mapped[list] = mapped_column(default=list)
    proposed_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision_comment: Mapped[str] = mapped_column(Text, default="")
    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id], lazy="joined")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id], lazy="joined")
