"""Full-text search."""
from marshmallow import fields, validate

from ..models.card import CARD_KINDS
from .common import BaseSchema, Text


class SearchQuerySchema(BaseSchema):
    """``q``: words to find (all of them; the last one also as a prefix); ``limit`` caps the answer."""

    q = Text(200, load_default="")
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=50))


class SearchResultSchema(BaseSchema):
    """One match: a card, a comment (on ``card_id``) or a library entry."""

    type = fields.String(dump_only=True, validate=validate.OneOf(("card", "comment", "library")))
    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True, allow_none=True)
    card_id = fields.String(dump_only=True, allow_none=True,
                            metadata={"description": "The card itself, or the card a comment is on."})
    kind = fields.String(dump_only=True, allow_none=True, validate=validate.OneOf(CARD_KINDS))
    title = fields.String(dump_only=True)
    snippet = fields.String(dump_only=True, metadata={"description": "Plain text around the match."})
    snippet_html = fields.String(dump_only=True, metadata={
        "description": "The snippet HTML-escaped, with each match in <mark>…</mark>."})
    rank = fields.Float(dump_only=True, metadata={"description": "Relevance: higher is better."})
