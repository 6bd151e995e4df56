"""Budget requests, sponsors' decisions on them, and spend against approvals."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, OnBoard, utcnow
from .user import User


class Decision(Base):
    """A sponsor's answer to a budget request; never edited (a change is a new request)."""

    __tablename__ = "decisions"
    id: Mapped[str] = IdColumn()
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("budget_requests.id", ondelete="CASCADE"), unique=True)
    decided_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    approve: Mapped[bool]
    amount_cents: Mapped[int] = mapped_column(default=0)
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by: Mapped[User] = relationship(lazy="joined")


class BudgetRequest(OnBoard, Base):
    """A request for money against an experiment card, or for shadowing (no card)."""

    __tablename__ = "budget_requests"
    id: Mapped[str] = IdColumn()
    card_id: Mapped[str | None] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    amount_cents: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3))
    purpose: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    tranche: Mapped[int | None]  # which tranche of the experiment's plan it funds; None for shadowing
    learned: Mapped[str | None] = mapped_column(Text)  # the tranche's learning, written once it ran
    learned_at: Mapped[datetime | None]
    learned_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    requested_by: Mapped[User] = relationship(lazy="joined", foreign_keys=[requested_by_id])
    learned_by: Mapped[User | None] = relationship(lazy="joined", foreign_keys=[learned_by_id])
    decision: Mapped[Decision | None] = relationship(lazy="joined")

    @property
    def status(self) -> str:
        """pending, approved or rejected."""
        if self.decision is None:
            return "pending"
        return "approved" if self.decision.approve else "rejected"

    @property
    def approved_cents(self) -> int:
        """What the sponsor approved (0 unless approved)."""
        return self.decision.amount_cents if self.decision and self.decision.approve else 0


class Spend(OnBoard, Base):
    """Money spent against approved budget: an experiment's, or shadowing's (no card)."""

    __tablename__ = "spend"
    id: Mapped[str] = IdColumn()
    card_id: Mapped[str | None] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    amount_cents: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[User] = relationship(lazy="joined")
