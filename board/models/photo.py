"""Photos attached to observation cards; the image files live in the photo store (``board.storage``)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, IdColumn, OnBoard, utcnow
from .user import User


class Photo(OnBoard, Base):
    """One photo of a card: the resized image and its thumbnail, both re-encoded without metadata."""

    __tablename__ = "photos"
    id: Mapped[str] = IdColumn()
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    width: Mapped[int]
    height: Mapped[int]
    thumb_width: Mapped[int]
    thumb_height: Mapped[int]
    size_bytes: Mapped[int]  # of the stored image (not of the upload)
    # the uploader confirmed the personal-data warning (faces, customer data on screens, documents)
    personal_data_confirmed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[User] = relationship(lazy="joined")
    card: Mapped["Card"] = relationship(back_populates="photos")  # noqa: F821

    @property
    def key(self) -> str:
        """The stored image's name in the photo store."""
        return f"{self.engagement_id}/{self.id}.jpg"

    @property
    def thumb_key(self) -> str:
        """The stored thumbnail's name in the photo store."""
        return f"{self.engagement_id}/{self.id}.thumb.jpg"

    @property
    def visible_creator(self) -> User | None:
        """Who added it, unless the workshop hides who wrote what."""
        return None if self.card.anonymous else self.created_by
