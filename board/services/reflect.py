"""Private writing in a workshop's reflect phase: a card only its author sees until the facilitator reveals it.

A card written while the board's workshop is in *reflect* is ``private``. Nobody else gets it from any
route, event, search, export or report (``permissions.scoped`` answers 404 for it; lists filter with
``seen_by``; read models that serve everyone filter with ``SHARED``), and its events take no ``seq``
and reach only its author's sockets (``events.record(private_to=...)``). Leaving reflect (or ending the
workshop) reveals every private card of the board in one ``cards.revealed`` event.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select

from ..db import session
from ..errors import Conflict
from ..models import Card, User
from ..permissions import FACILITATE, holders
from ..uow import outbox
from .card_events import event_view
from .events import record

REVEALED = "cards.revealed"
SHARED = Card.private.is_(False)  # what every member may see


def seen_by(user: User):
    """The cards ``user`` may see: shared ones and their own private ones."""
    return or_(SHARED, Card.author_id == user.id)


def refuse_private(card: Card, what: str) -> None:
    """409 ``private`` for what may not happen to a card before it is revealed (comments, votes, focus...)."""
    if card.private:
        raise Conflict(f"{what} waits until the facilitator reveals this card: it is private to its author for now.",
                       code="private")


def waiting(initiative_id: str) -> int:
    """How many private cards wait to be revealed on a board (a count: never whose or what)."""
    return session.scalar(select(func.count()).where(Card.initiative_id == initiative_id, Card.private.is_(True),
                                                     Card.deleted_at.is_(None))) or 0


WAITING = "workshop:waiting"  # the Socket.IO message telling facilitators how many private cards wait


def announce_waiting(card: Card) -> None:
    """After a private card came or went, tell the engagement's facilitators how many wait on its board (a
    count only: never whose or what), so their "N private cards waiting" is live."""
    if card.private:
        outbox().push(holders(card.engagement_id, FACILITATE), WAITING,
                      {"initiative": card.initiative_id, "private_cards": waiting(card.initiative_id)})


def reveal(actor: User, engagement_id: str, initiative_id: str) -> int:
    """Make every private card of the board shared, in one ``cards.revealed`` event carrying them; how many."""
    cards = list(session.scalars(select(Card).where(Card.initiative_id == initiative_id, Card.private.is_(True))
                                 .order_by(Card.kind, Card.lane_position)))
    for card in cards:
        card.private = False
    session.flush()
    live = [c for c in cards if c.deleted_at is None]
    if live:
        record(actor, engagement_id, initiative_id, REVEALED, {"cards": [event_view(c) for c in live]})
    return len(live)
