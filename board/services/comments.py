"""Comments on cards."""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..models import Card, Comment, User
from ..permissions import scoped
from ..schemas.cards import comment_schema
from .events import record


def list_comments(actor: User, card_id: str) -> list[Comment]:
    """A card's comments, oldest first."""
    scoped(actor, Card, card_id)
    return list(session.scalars(select(Comment).where(Comment.card_id == card_id).order_by(Comment.created_at)))


def add_comment(actor: User, card_id: str, data: dict) -> Comment:
    """A comment by the actor on a card."""
    card, me = scoped(actor, Card, card_id, write=True)
    comment = Comment(engagement_id=card.engagement_id, initiative_id=card.initiative_id, card_id=card.id,
                      author_id=actor.id, author=actor, side=me.side, text=data["text"])
    session.add(comment)
    session.flush()
    record(actor, card.engagement_id, card.initiative_id, "comment.created", comment_schema.dump(comment))
    return comment
