"""The writes a socket may make: action → (input schema, target key, service call, output schema)."""
from __future__ import annotations

from ..schemas.cards import card_create_schema, card_delete_schema, card_patch_schema, card_schema, comment_schema
from ..services import cards, comments

WRITES = {
    "card:create": (card_create_schema, "initiative", cards.create_card, card_schema),
    "card:update": (card_patch_schema, "card", cards.update_card, card_schema),
    "card:delete": (card_delete_schema, "card", lambda actor, card, data: cards.delete_card(actor, card, data["version"]),
                    card_schema),
    "card:restore": (None, "card", lambda actor, card, _data: cards.restore_card(actor, card), card_schema),
    "comment:create": (comment_schema, "card", comments.add_comment, comment_schema),
}
