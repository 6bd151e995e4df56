"""Invitations to an engagement: nobody becomes a member without accepting one."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, utcnow
from .engagement import Engagement
from .user import User

INVITATION_STATUSES = ("pending", "accepted", "declined", "revoked")


class Invitation(Base):
    """An admin's invitation of an e-mail address to one side of an engagement, with roles.

    The link's token is never stored: only its SHA-256 (to find the invitation) and the salt the
    server derives it from with its secret key (``board.tokens``).
    """

    __tablename__ = "invitations"
    id: Mapped[str] = IdColumn()
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    side: Mapped[str] = mapped_column(String(16))
    roles: Mapped[list] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    salt: Mapped[str] = mapped_column(String(32))
    invited_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    answered_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    engagement: Mapped[Engagement] = relationship(lazy="joined")
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id], lazy="joined")

    def shown_status(self, now: datetime) -> str:
        """``pending`` turns ``expired`` once its time is up."""
        return "expired" if self.status == "pending" and self.expires_at <= now else self.status
