"""Initiatives with their KPIs, KPI measurements, KPI agreements and access grants."""
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
    # oldest first; deleting the KPI deletes them (in the database: ``ON DELETE CASCADE``)
    measurements: Mapped[list["KpiMeasurement"]] = relationship(
        lazy="selectin", order_by=lambda: (KpiMeasurement.measured_at, KpiMeasurement.created_at),
        cascade="all, delete-orphan", passive_deletes=True, back_populates="kpi",
    )
    __mapper_args__ = {"version_id_col": version}

    @property
    def current(self) -> "KpiMeasurement | None":
        """The latest measurement (by ``measured_at``), if any."""
        return self.measurements[-1] if self.measurements else None

    @property
    def measurement_count(self) -> int:
        """How many measurements it has."""
        return len(self.measurements)

    @property
    def recent_measurements(self) -> list["KpiMeasurement"]:
        """The latest ``RECENT_MEASUREMENTS`` measurements, oldest first (what a KPI's chart draws)."""
        return self.measurements[-RECENT_MEASUREMENTS:]


RECENT_MEASUREMENTS = 24


class KpiMeasurement(OnBoard, Base):
    """A KPI's value as measured at one moment, optionally during (or deciding) an experiment."""

    __tablename__ = "kpi_measurements"
    id: Mapped[str] = IdColumn()
    kpi_id: Mapped[str] = mapped_column(ForeignKey("kpis.id", ondelete="CASCADE"), index=True)
    value: Mapped[float]
    measured_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    experiment_id: Mapped[str | None] = mapped_column(ForeignKey("cards.id", ondelete="SET NULL"))
    created_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[User] = relationship(lazy="joined")
    kpi: Mapped[Kpi] = relationship(back_populates="measurements")


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
