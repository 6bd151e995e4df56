"""Comments on cards."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm.attributes import set_committed_value

from ..db import session
from ..models import Card, Comment, Initiative, User
from ..permissions import scoped
from ..schemas.cards import comment_schema
from . import notifications, reflect
from .events import record


def list_comments(actor: User, card_id: str) -> list[Comment]:
    """A card's comments, oldest first."""
    scoped(actor, Card, card_id)
    return list(session.scalars(select(Comment).where(Comment.card_id == card_id).order_by(Comment.created_at)))


def count_by_card(actor: User, initiative_id: str) -> list[dict]:
    """How many comments each live card of a board has (cards without comments are left out)."""
    scoped(actor, Initiative, initiative_id)
    rows = session.execute(
        select(Comment.card_id, func.count()).join(Card, Card.id == Comment.card_id)
        .where(Comment.initiative_id == initiative_id, Card.deleted_at.is_(None)).group_by(Comment.card_id))
    return [{"card_id": card_id, "count": n} for card_id, n in rows]


def add_comment(actor: User, card_id: str, data: dict) -> Comment:
    """A comment by the actor on a card; while the workshop hides authors, only its side shows."""
    card, me = scoped(actor, Card, card_id, write=True)
    reflect.refuse_private(card, "Commenting")
    mentions = notifications.mentioned(card.engagement_id, data["text"])
    comment = Comment(engagement_id=card.engagement_id, initiative_id=card.initiative_id, card_id=card.id,
                      author_id=actor.id, author=actor, side=me.side, text=data["text"], mentions=mentions)
    set_committed_value(comment, "workshop", card.workshop)  # the card's load brought the board's anonymity
    session.add(comment)
    session.flush()
    hidden = comment.anonymous
    record(actor, card.engagement_id, card.initiative_id, "comment.created", comment_schema.dump(comment),
           anonymous=hidden)
    about = card.title or (card.text or "")[:60]
    who = f"Someone on the {me.side} side" if hidden else actor.name
    notifications.send([m for m in mentions if m != actor.id], "mention",
                       f"{who} mentioned you on “{about}”: {data['text'][:200]}",
                       engagement_id=card.engagement_id, initiative_id=card.initiative_id, card_id=card.id,
                       actor=None if hidden else actor)
    return comment
