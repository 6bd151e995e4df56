"""Live workshop state of a board: shared timer, focus, anonymity, and dot-voting rounds."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdColumn, OnBoard, utcnow

TIMER_ACTIONS = ("start", "pause", "add", "reset")
PHASES = ("reflect", "group", "vote", "discuss")


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
    # a phased workshop (services/phases.py): the template's steps, the current one, discuss's agenda
    template_id: Mapped[str | None] = mapped_column(String(64))
    template_name: Mapped[str | None] = mapped_column(String(120))
    steps: Mapped[list | None]
    step: Mapped[int | None]
    agenda: Mapped[list | None]
    agenda_index: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def phase(self) -> str | None:
        """The current step's phase (reflect, group, vote, discuss), or ``None`` outside a phased workshop."""
        return self.steps[self.step]["phase"] if self.steps and self.step is not None else None


class VotingRound(OnBoard, Base):
    """A dot-voting round: N votes per person, hidden until the facilitator reveals them."""

    __tablename__ = "voting_rounds"
    id: Mapped[str] = IdColumn()
    votes_per_person: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | revealed
    created_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revealed_at: Mapped[datetime | None]
    # which cards take votes: {"kind": k} | {"cluster_id": id} | {"card_ids": [...]}; None: every card
    scope: Mapped[dict | None]


class Vote(Base):
    """One dot: a member's vote for a card in a round (a person may stack dots on one card)."""

    __tablename__ = "votes"
    id: Mapped[str] = IdColumn()
    round_id: Mapped[str] = mapped_column(ForeignKey("voting_rounds.id", ondelete="CASCADE"), index=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class WorkshopTemplate(Base):
    """A facilitator's own workshop template, saved for one engagement (built-ins: services/templates.py)."""

    __tablename__ = "workshop_templates"
    id: Mapped[str] = IdColumn()
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    steps: Mapped[list]
    created_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
