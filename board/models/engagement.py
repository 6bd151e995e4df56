"""Engagements (the tenant) and their memberships."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, utcnow
from .user import User

SIDES = ("buyer", "provider")
ROLES = ("member", "sponsor", "facilitator", "admin", "viewer")


class Engagement(Base):
    """One buyer organisation working with one provider organisation."""

    __tablename__ = "engagements"
    id: Mapped[str] = IdColumn()
    name: Mapped[str] = mapped_column(String(200))
    buyer_name: Mapped[str] = mapped_column(String(200))
    provider_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="engagement", cascade="all, delete-orphan", order_by="Membership.created_at"
    )


class Membership(Base):
    """A user's place in an engagement: one side and a set of roles."""

    __tablename__ = "memberships"
    engagement_id: Mapped[str] = mapped_column(
        ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    side: Mapped[str] = mapped_column(String(16))
    roles: Mapped[list] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    engagement: Mapped[Engagement] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(lazy="joined")

    def has(self, role: str) -> bool:
        """Whether this member holds ``role``."""
        return role in (self.roles or [])
