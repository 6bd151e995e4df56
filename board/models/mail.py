"""E-mail waiting to go out: queued with the change that asks for it, sent after its commit."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, IdColumn, utcnow

MAIL_STATUSES = ("queued", "sent", "failed", "dropped")


class OutboundMail(Base):
    """One message to one address, rendered when it is sent (``kind`` and ``ref_id`` say from what).

    ``queued`` until delivered (``sent``), given up after too many tries (``failed``), or no longer
    meaningful by the time it would go (``dropped``: e.g. an invitation answered or revoked first).
    """

    __tablename__ = "outbound_mail"
    id: Mapped[str] = IdColumn()
    kind: Mapped[str] = mapped_column(String(32))
    ref_id: Mapped[str | None] = mapped_column(String(24), index=True)
    to_email: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
