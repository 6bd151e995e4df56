"""Live workshop state of a board: shared timer, focus, anonymity, and dot-voting rounds."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdColumn, OnBoard, utcnow

TIMER_ACTIONS = ("start", "pause", "add", "reset")


class Workshop(Base):
    """One per initiative, created on first use; survives reloads and reconnects."""

    __tablename__ = "workshops"
    initiative_id: Mapped[str] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True)
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    timer_status: Mapped[str] = mapped_column(String(16), default="idle")  # idle | running | paused
    timer_ends_at: Mapped[datetime | None]  # while running
    timer_remaining: Mapped[int | None]  # seconds left, while paused
    timer_duration: Mapped[int | None]  # seconds of the current round, for progress bars
    focus_card_id: Mapped[str | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"))
    anonymous: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class VotingRound(OnBoard, Base):
    """A dot-voting round: N votes per person, hidden until the facilitator reveals them."""

    __tablename__ = "voting_rounds"
    id: Mapped[str] = IdColumn()
    votes_per_person: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | revealed
    created_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revealed_at: Mapped[datetime | None]


class Vote(Base):
    """One dot: a member's vote for a card in a round (a person may stack dots on one card)."""

    __tablename__ = "votes"
    id: Mapped[str] = IdColumn()
    round_id: Mapped[str] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
