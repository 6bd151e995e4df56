"""Initiatives with their KPIs, KPI agreements and access grants."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, OnBoard, utcnow
from .user import User

INITIATIVE_STATUSES = ("framing", "shadowing", "testing", "scaling", "parked", "done")
GRANT_SCOPES = ("process", "customers")


class Initiative(Base):
    """A problem worth solving together; owns the board and its event sequence."""

    __tablename__ = "initiatives"
    id: Mapped[str] = IdColumn()
    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="framing")
    last_seq: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    # the power-ups last recorded in the log (services/derived.py); written and read with Core
    # statements only, so never loaded with the row and never bumping ``version``
    power_ups: Mapped[dict | None] = mapped_column(deferred=True)
    # loaded on request only (``joinedload``): a new card shows whether the workshop hides authors
    workshop: Mapped["Workshop | None"] = relationship(viewonly=True)  # noqa: F821
    __mapper_args__ = {"version_id_col": version}


class Kpi(OnBoard, Base):
    """A measure both sides agree on before experiments start."""

    __tablename__ = "kpis"
    id: Mapped[str] = IdColumn()
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="")
    baseline: Mapped[float | None]
    target: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}


class KpiAgreement(OnBoard, Base):
    """One side's agreement to an initiative's current set of KPIs."""

    __tablename__ = "kpi_agreements"
    __table_args__ = (UniqueConstraint("initiative_id", "side"),)
    id: Mapped[str] = IdColumn()
    side: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    agreed_at: Mapped[datetime] = mapped_column(default=utcnow)
    user: Mapped[User] = relationship(lazy="joined")


class AccessGrant(OnBoard, Base):
    """The courage power-up: a buyer member lets the provider close to its process or customers."""

    __tablename__ = "access_grants"
    id: Mapped[str] = IdColumn()
    scope: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime | None]
    granted_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_by_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None]
    granted_by: Mapped[User] = relationship(foreign_keys=[granted_by_id], lazy="joined")
    revoked_by: Mapped[User | None] = relationship(foreign_keys=[revoked_by_id], lazy="joined")

    def live(self, at: datetime) -> bool:
        """Granted, not revoked and not expired at ``at``."""
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)
