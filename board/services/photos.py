"""Photos of observations: added from the field, read by members, removed by their author or a facilitator.

Each write records ``card.updated`` (``changed: ["photos"]``) with the card as it now stands, so every
open board shows the photo at once. Adding or removing a photo is no edit of the card's text: its
``version`` stays, and nobody editing the card meanwhile meets a conflict.
"""
from __future__ import annotations

from .. import images, storage
from ..db import new_id, session, utcnow
from ..infra.greenio import direct, native_runner
from ..errors import Invalid, NotFound, TooLarge
from ..models import Card, Photo, User
from ..permissions import require_photo_remover, scoped
from .card_events import event_view, record_card

MAX_PER_CARD = 12


def _changed(actor: User, card: Card) -> None:
    record_card(actor, card, "card.updated", {**event_view(card), "changed": ["photos"]})


def add_photo(actor: User, card_id: str, data: bytes, *, confirmed: bool, max_bytes: int) -> Card:
    """Attach an image to an observation: decoded, upright, resized, re-encoded without metadata.

    The image is processed before the unit of work's first query (which takes SQLite's write lock),
    in a native thread under green threads: the ~0.2 s of Pillow's work holds up no other request.
    """
    if not confirmed:
        raise Invalid("personal_data_confirmed", "Confirm the personal-data warning before adding a photo.")
    if len(data) > max_bytes:
        raise TooLarge(f"photo: The photo is larger than {max_bytes // (1024 * 1024)} MB; "
                       "send a smaller one.", fields={"photo": ["Too large."]})
    kept = (native_runner() or direct)(images.process, data)
    card, _ = scoped(actor, Card, card_id, write=True)
    if card.kind != "observation":
        raise Invalid("photo", f"Only observations carry photos, not a {card.kind} card.")
    if len(card.photos) >= MAX_PER_CARD:
        raise Invalid("photo", f"An observation holds at most {MAX_PER_CARD} photos; remove one first.")
    photo = Photo(id=new_id(), engagement_id=card.engagement_id, initiative_id=card.initiative_id,
                  card_id=card.id, created_by_id=actor.id, created_by=actor,
                  width=kept.image.width, height=kept.image.height,
                  thumb_width=kept.thumb.width, thumb_height=kept.thumb.height,
                  size_bytes=len(kept.image.data), personal_data_confirmed=True, created_at=utcnow())
    storage.put(photo.key, kept.image.data)
    storage.put(photo.thumb_key, kept.thumb.data)
    card.photos.append(photo)
    session.add(photo)
    _changed(actor, card)
    return card


def _photo(actor: User, photo_id: str):
    """A photo of a live card, with the caller's membership: 404 for non-members."""
    photo, m = scoped(actor, Photo, photo_id)
    card = photo.card
    if card.deleted_at is not None or (card.private and card.author_id != actor.id):
        raise NotFound("Photo not found.")
    return photo, m


def photo_file(actor: User, photo_id: str, *, thumb: bool = False) -> bytes:
    """A photo's JPEG (or its thumbnail's), for members of its engagement only."""
    photo, _ = _photo(actor, photo_id)
    return storage.get(photo.thumb_key if thumb else photo.key)


def remove_photo(actor: User, photo_id: str) -> Card:
    """Take a photo off its card; its files go once the removal has committed."""
    photo, m = _photo(actor, photo_id)
    require_photo_remover(actor, m, photo.created_by_id)
    card = photo.card
    card.photos.remove(photo)
    session.delete(photo)
    storage.discard(photo.key)
    storage.discard(photo.thumb_key)
    _changed(actor, card)
    return card
