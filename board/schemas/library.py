"""The learning library."""
from marshmallow import fields, validate

from ..models.card import DECISIONS
from .cards import Tag
from .common import BaseSchema, Brief, Name, Text


class ProposalSchema(BaseSchema):
    """What to share: defaults to the experiment's title, hypothesis and learning; edit out buyer details."""

    title = Name(200)
    hypothesis = Text()
    learning = Name(5000)
    tags = fields.List(Tag, load_default=list, validate=validate.Length(max=20))


class SharedEntrySchema(BaseSchema):
    """A learning as other engagements see it: the approved fields only."""

    id = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    hypothesis = fields.String(dump_only=True)
    learning = fields.String(dump_only=True)
    decision = fields.String(dump_only=True, allow_none=True, validate=validate.OneOf(DECISIONS))
    tags = fields.List(fields.String(), dump_only=True)
    approved_at = fields.DateTime(dump_only=True, allow_none=True)


class EntrySchema(SharedEntrySchema):
    """A proposal as its own engagement sees it."""

    status = fields.String(dump_only=True, metadata={"description": "proposed, approved or declined"})
    card_id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    engagement_id = fields.String(dump_only=True)
    proposed_by = Brief()
    proposed_at = fields.DateTime(dump_only=True)
    decided_by = Brief(allow_none=True)
    decided_at = fields.DateTime(dump_only=True, allow_none=True)
    decision_comment = fields.String(dump_only=True)


class LibraryDecisionSchema(BaseSchema):
    """A buyer member's answer to a proposal."""

    approve = fields.Boolean(required=True)
    comment = Text(2000, load_default="")


class LibraryQuerySchema(BaseSchema):
    """``q``: words that must all appear in a shared field; ``engagement``: only its provider's library."""

    q = Text(200, load_default="")
    engagement = fields.String(load_default=None, validate=validate.Length(min=1, max=24))


class ReuseSchema(BaseSchema):
    """The initiative to start a draft experiment in."""

    initiative_id = fields.String(required=True, validate=validate.Length(min=1, max=24))


entry_schema = EntrySchema()
