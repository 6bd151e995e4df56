"""Cards of the three kinds, the evidence links between them, comments and clusters."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, OnBoard, utcnow
from .user import User

CARD_KINDS = ("observation", "story", "experiment")
OBSERVATION_KINDS = ("pain_point", "workaround", "quote", "delight", "idea")
AUDIENCES = ("staff", "customers")
EXPERIMENT_STATUSES = ("draft", "proposed", "running", "concluded", "parked")
DECISIONS = ("persevere", "pivot", "stop", "scale")

# Which fields belong to which kind; everything else on the row stays empty.
KIND_FIELDS = {
    "observation": ("text", "observation_kind", "tags", "shadowing_session_id", "keep_pii", "pii_kept", "pii_masked",
                    "photos"),
    "story": ("title", "persona", "situation", "struggle", "outcome", "evidence", "told"),
    "experiment": (
        "title", "hypothesis", "test", "metric", "criterion", "audience", "status",
        "observed", "learned", "decision", "measurement_id", "published", "evidence", "inspired_by_id",
    ),
}


class AuthorHidden:
    """Who wrote a card or a comment, as the board shows it (needs ``author`` and ``workshop``)."""

    @property
    def anonymous(self) -> bool:
        """Whether the board hides authors right now (the side still shows)."""
        return bool(self.workshop and self.workshop.anonymous)

    @property
    def visible_author(self) -> "User | None":
        """The author, unless the workshop hides who wrote what."""
        return None if self.anonymous else self.author


class Cluster(OnBoard, Base):
    """A labelled group of cards on a board."""

    __tablename__ = "clusters"
    id: Mapped[str] = IdColumn()
    label: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# What each kind may cite as evidence: the chain observation ← story ← experiment.
CITES = {"story": "observation", "experiment": "story"}


class CardLink(Base):
    """Evidence: a story cites an observation; an experiment cites a story."""

    __tablename__ = "card_links"
    from_card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True)
    to_card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Card(AuthorHidden, OnBoard, Base):
    """The unit on the board: an observation, a story or an experiment."""

    __tablename__ = "cards"
    # the end of a lane (a new card's place) without reading the whole board
    __table_args__ = (Index("ix_cards_lane", "initiative_id", "kind", "lane_position"),)
    id: Mapped[str] = IdColumn()
    kind: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    side: Mapped[str] = mapped_column(String(16))
    lane_position: Mapped[float] = mapped_column(default=0.0)
    cluster_id: Mapped[str | None] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"))
    # observation
    text: Mapped[str | None] = mapped_column(Text)
    observation_kind: Mapped[str | None] = mapped_column(String(16))
    tags: Mapped[list | None]
    shadowing_session_id: Mapped[str | None] = mapped_column(
        ForeignKey("shadowing_sessions.id", ondelete="SET NULL"), index=True
    )
    pii_kept: Mapped[bool] = mapped_column(default=False)  # the author chose to keep detected personal data
    # written in a workshop's reflect phase: only its author sees it until the facilitator reveals it
    private: Mapped[bool] = mapped_column(default=False)
    # story and experiment
    title: Mapped[str | None] = mapped_column(String(200))
    # story
    persona: Mapped[str | None] = mapped_column(Text)
    situation: Mapped[str | None] = mapped_column(Text)
    struggle: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    told: Mapped[bool] = mapped_column(default=False)
    # experiment: the test card and, once concluded, the learning card
    hypothesis: Mapped[str | None] = mapped_column(Text)
    test: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(Text)
    criterion: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))
    observed: Mapped[str | None] = mapped_column(Text)
    learned: Mapped[str | None] = mapped_column(Text)
    decision: Mapped[str | None] = mapped_column(String(16))
    # the KPI measurement that decided it (its learning cites it); deleting the measurement un-cites it
    # first (services/kpis.py: the card changes like any other, with its event)
    measurement_id: Mapped[str | None] = mapped_column(
        ForeignKey("kpi_measurements.id", use_alter=True, name="fk_cards_measurement_id"))
    published: Mapped[bool] = mapped_column(default=False)
    inspired_by_id: Mapped[str | None] = mapped_column(
        ForeignKey("library_entries.id", ondelete="SET NULL", use_alter=True, name="fk_cards_inspired_by_id"))

    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    deleted_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    author: Mapped[User] = relationship(lazy="joined")
    evidence_links: Mapped[list[CardLink]] = relationship(
        foreign_keys=[CardLink.from_card_id], cascade="all, delete-orphan", lazy="selectin",
        order_by=CardLink.created_at,
    )
    photos: Mapped[list["Photo"]] = relationship(  # noqa: F821
        back_populates="card", lazy="selectin", order_by="Photo.created_at", passive_deletes=True,
    )
    workshop: Mapped["Workshop | None"] = relationship(  # noqa: F821
        primaryjoin="Card.initiative_id == foreign(Workshop.initiative_id)", viewonly=True, lazy="joined",
    )
    __mapper_args__ = {"version_id_col": version}
    # kinds of personal data the current write masked (set by the cards service; none on reads)
    pii_masked: tuple = ()

    @property
    def evidence(self) -> list[str]:
        """Ids of the cards this card cites."""
        return [link.to_card_id for link in self.evidence_links]



class Comment(AuthorHidden, OnBoard, Base):
    """A comment on a card."""

    __tablename__ = "comments"
    id: Mapped[str] = IdColumn()
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    side: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    mentions: Mapped[list] = mapped_column(default=list)  # ids of the members @mentioned
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    author: Mapped[User] = relationship(lazy="joined")
    workshop: Mapped["Workshop | None"] = relationship(  # noqa: F821
        primaryjoin="Comment.initiative_id == foreign(Workshop.initiative_id)", viewonly=True, lazy="joined",
    )
