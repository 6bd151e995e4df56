"""Cards of the three kinds, and comments."""
from collections.abc import Mapping

from marshmallow import fields, validate

from ..models.card import AUDIENCES, CARD_KINDS, DECISIONS, EXPERIMENT_STATUSES, KIND_FIELDS, OBSERVATION_KINDS
from .common import BaseSchema, Brief, Name, Text, patch
from .photos import PhotoSchema

Tag = fields.String(validate=validate.Regexp(r"^[\w][\w-]{0,39}$", error="Tags are 1-40 letters, digits, - or _."))


class CardSchema(BaseSchema):
    """A card; which fields apply depends on ``kind`` (see the spec's field list)."""

    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    kind = fields.String(required=True, validate=validate.OneOf(CARD_KINDS))
    author = Brief(attribute="visible_author", allow_none=True)
    side = fields.String(dump_only=True)
    anonymous = fields.Boolean(dump_only=True)
    private = fields.Boolean(dump_only=True, metadata={
        "description": "Written in a workshop's reflect phase: only its author sees it until the facilitator reveals it."})
    lane_position = fields.Float(allow_nan=False, validate=validate.Range(min=-1e12, max=1e12))
    cluster_id = fields.String(allow_none=True, validate=validate.Length(max=24))
    # observation
    text = Text(allow_none=True)
    observation_kind = fields.String(validate=validate.OneOf(OBSERVATION_KINDS))
    tags = fields.List(Tag, allow_none=True, validate=validate.Length(max=20))
    shadowing_session_id = fields.String(allow_none=True, validate=validate.Length(max=24))
    keep_pii = fields.Boolean(load_only=True, metadata={
        "description": "Keep e-mail addresses, phone and card numbers in the text (they are masked otherwise)."})
    pii_kept = fields.Boolean(dump_only=True)
    pii_masked = fields.List(fields.String(), dump_only=True, metadata={
        "description": "Kinds of personal data this write masked (email, phone, card_number)."})
    photos = fields.List(fields.Nested(PhotoSchema), dump_only=True, metadata={
        "description": "Photos taken in the field (observations only), oldest first."})
    # story and experiment
    title = Text(200, allow_none=True)
    # story
    persona = Text(allow_none=True)
    situation = Text(allow_none=True)
    struggle = Text(allow_none=True)
    outcome = Text(allow_none=True)
    evidence = fields.List(fields.String(validate=validate.Length(max=24)), validate=validate.Length(max=100),
                           metadata={"description": "Cited cards: observations for a story, stories for an experiment."})
    told = fields.Boolean()
    # experiment
    hypothesis = Text(allow_none=True)
    test = Text(allow_none=True)
    metric = Text(allow_none=True)
    criterion = Text(allow_none=True)
    audience = fields.String(validate=validate.OneOf(AUDIENCES))
    status = fields.String(allow_none=True, validate=validate.OneOf(EXPERIMENT_STATUSES))
    observed = Text(allow_none=True)
    learned = Text(allow_none=True)
    decision = fields.String(allow_none=True, validate=validate.OneOf(DECISIONS))
    measurement_id = fields.String(allow_none=True, validate=validate.Length(max=24), metadata={
        "description": "The KPI measurement (of the same initiative) that decided it, cited by its learning."})
    published = fields.Boolean()
    inspired_by_id = fields.String(dump_only=True, allow_none=True,
                                   metadata={"description": "The library entry this experiment was started from."})
    created_at = fields.DateTime(dump_only=True)
    updated_at = fields.DateTime(dump_only=True)
    version = fields.Integer(required=True, strict=True)

    def dump(self, obj, *, many=None):
        """Each card with the common fields and its own kind's: the others are not even visited (an
        observation's dump never loads citations it cannot have; a board's list costs half the work)."""
        if self._kind_view:
            return super().dump(obj, many=many)
        if self.many if many is None else many:
            return [self._view(card).dump(card) for card in obj]
        return self._view(obj).dump(obj)

    _kind_view = False

    def _view(self, card) -> "CardSchema":
        """This schema's fields for the card's kind, built once per schema, field set and kind."""
        kind = card.get("kind") if isinstance(card, Mapping) else getattr(card, "kind", None)
        key = (type(self), frozenset(self.dump_fields), kind)
        view = _VIEWS.get(key)
        if view is None:
            mine = KIND_FIELDS.get(kind, ())
            view = type(self)(only=[n for n in self.dump_fields if n not in ALL_KIND_FIELDS or n in mine])
            view._kind_view = True
            view = _VIEWS.setdefault(key, view)
        return view


_VIEWS: dict[tuple, CardSchema] = {}
ALL_KIND_FIELDS = {name for names in KIND_FIELDS.values() for name in names}


class CardCreateSchema(CardSchema):
    """Create: ``version`` is the server's."""

    version = fields.Integer(dump_only=True)


class CardPatchSchema(CardSchema):
    """PATCH: ``kind`` cannot change."""

    kind = fields.String(dump_only=True)


class CardDeleteSchema(BaseSchema):
    """DELETE and restore carry the version they were based on."""

    version = fields.Integer(required=True, strict=True)


class CommentSchema(BaseSchema):
    """A comment on a card."""

    id = fields.String(dump_only=True)
    card_id = fields.String(dump_only=True)
    author = Brief(attribute="visible_author", allow_none=True,
                   metadata={"description": "Null while the workshop hides authors (the side still shows)."})
    side = fields.String(dump_only=True)
    anonymous = fields.Boolean(dump_only=True)
    text = Name(5000, required=True)
    mentions = fields.List(fields.String(), dump_only=True, metadata={"description": "Ids of the members @mentioned."})
    created_at = fields.DateTime(dump_only=True)


class CommentCountSchema(BaseSchema):
    """How many comments one card has."""

    card_id = fields.String(dump_only=True)
    count = fields.Integer(dump_only=True)


class CardQuerySchema(BaseSchema):
    """Filters for listing cards."""

    kind = fields.String(validate=validate.OneOf(CARD_KINDS))


card_schema = CardSchema()
card_create_schema = CardCreateSchema()
card_patch_schema = patch(CardPatchSchema)
card_delete_schema = CardDeleteSchema()
comment_schema = CommentSchema()
