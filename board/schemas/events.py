"""The event log and power-ups."""
from marshmallow import fields, validate

from .common import BaseSchema, Brief


class EventSchema(BaseSchema):
    """One event: ``{seq, initiative, type, actor, at, data, op_id}``; ``op_id`` names the write that made it."""

    seq = fields.Integer(dump_only=True, allow_none=True)  # null for an engagement's own events
    initiative = fields.String(attribute="initiative_id", dump_only=True, allow_none=True)
    type = fields.String(dump_only=True)
    actor = Brief(allow_none=True, attribute="visible_actor")
    at = fields.DateTime(dump_only=True)
    data = fields.Dict(dump_only=True)
    op_id = fields.String(dump_only=True, allow_none=True)


class EventQuerySchema(BaseSchema):
    """``after``: the last seq the client has; ``limit`` caps the page."""

    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=2**31 - 1))
    limit = fields.Integer(load_default=500, validate=validate.Range(min=1, max=1000))


class PowerUpSchema(BaseSchema):
    """A power-up's level 0-3 and the facts that earned it."""

    level = fields.Integer(dump_only=True)
    facts = fields.List(fields.String(), dump_only=True)
    next = fields.String(dump_only=True, allow_none=True)


class PowerUpsSchema(BaseSchema):
    """Courage, budget and story."""

    courage = fields.Nested(PowerUpSchema, dump_only=True)
    budget = fields.Nested(PowerUpSchema, dump_only=True)
    story = fields.Nested(PowerUpSchema, dump_only=True)
