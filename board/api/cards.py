"""Cards and their comments."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.cards import (CardCreateSchema, CardDeleteSchema, CardQuerySchema, CardSchema, CommentCountSchema,
                             CommentSchema, card_patch_schema)
from ..services import cards, comments
from . import PREFIX

blp = Blueprint("cards", __name__, url_prefix=PREFIX, description="Cards: observations, stories, experiments")


@blp.get("/initiatives/<initiative_id>/cards")
@blp.arguments(CardQuerySchema, location="query")
@blp.response(200, CardSchema(many=True))
def list_cards(query, initiative_id):
    """The board's cards in lane order, optionally one ``kind``."""
    return cards.list_cards(require_user(), initiative_id, query.get("kind"))


@blp.post("/initiatives/<initiative_id>/cards")
@blp.arguments(CardCreateSchema)
@blp.response(201, CardSchema)
def create_card(data, initiative_id):
    """Add a card of a ``kind``: observation, story or experiment."""
    return cards.create_card(require_user(), initiative_id, data)


@blp.get("/cards/<card_id>")
@blp.response(200, CardSchema)
def get_card(card_id):
    """One card."""
    return cards.get_card(require_user(), card_id)


@blp.patch("/cards/<card_id>")
@blp.arguments(card_patch_schema)
@blp.response(200, CardSchema)
def update_card(data, card_id):
    """Edit a card based on its ``version``; a stale version is 409 with the current card."""
    return cards.update_card(require_user(), card_id, data)


@blp.delete("/cards/<card_id>")
@blp.arguments(CardDeleteSchema)
@blp.response(200, CardSchema)
def delete_card(data, card_id):
    """Delete a card based on its ``version``; ``POST /cards/{id}/restore`` undoes it."""
    return cards.delete_card(require_user(), card_id, data["version"])


@blp.post("/cards/<card_id>/restore")
@blp.response(200, CardSchema)
def restore_card(card_id):
    """Undo a card's deletion."""
    return cards.restore_card(require_user(), card_id)


@blp.get("/cards/<card_id>/comments")
@blp.response(200, CommentSchema(many=True))
def list_comments(card_id):
    """A card's comments."""
    return comments.list_comments(require_user(), card_id)


@blp.post("/cards/<card_id>/comments")
@blp.arguments(CommentSchema)
@blp.response(201, CommentSchema)
def add_comment(data, card_id):
    """Comment on a card."""
    return comments.add_comment(require_user(), card_id, data)


@blp.get("/initiatives/<initiative_id>/comment-counts")
@blp.response(200, CommentCountSchema(many=True))
def comment_counts(initiative_id):
    """How many comments each card of the board has: ``[{card_id, count}]`` (cards with none left out)."""
    return comments.count_by_card(require_user(), initiative_id)
