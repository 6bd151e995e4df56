"""A card as its events carry it, and recording them: shared by every service that changes a card."""
from __future__ import annotations

from .. import pii
from ..models import Card, User
from ..schemas.cards import card_schema
from .events import record


def event_view(card: Card) -> dict:
    """A card as the event log and the wire carry it: personal data always masked."""
    data = card_schema.dump(card)
    if card.pii_kept and data.get("text"):
        data["text"] = pii.mask(data["text"])[0]
    if "pii_masked" in data:
        data["pii_masked"] = []  # what one write masked is for its author's answer only
    return data


def record_card(actor: User, card: Card, type_: str, data: dict) -> None:
    """Record an event of ``card``, without its author's name while the workshop hides authors; a private
    card's event reaches its author only (services/reflect.py)."""
    record(actor, card.engagement_id, card.initiative_id, type_, data, anonymous=card.anonymous,
           private_to=card.author_id if card.private else None)
