"""Shadowing sessions."""
from marshmallow import fields, validate

from .common import BaseSchema, Brief, Name, Text, When, patch


class ShadowingSessionSchema(BaseSchema):
    """Who shadowed (the caller) whom (``host``), where, when, how long, with customers or not."""

    id = fields.String(dump_only=True)
    initiative_id = fields.String(dump_only=True)
    shadower = Brief()
    host = Name(200, required=True)
    context = Text(load_default="")
    started_at = When(load_default=None)
    duration_minutes = fields.Integer(strict=True, allow_none=True, load_default=None, validate=validate.Range(min=0, max=24 * 60))
    customer_contact = fields.Boolean(load_default=False)
    created_at = fields.DateTime(dump_only=True)
    version = fields.Integer(required=True, strict=True)


class ShadowingCreateSchema(ShadowingSessionSchema):
    """Create: ``version`` is the server's."""

    version = fields.Integer(dump_only=True)


shadowing_create_schema = ShadowingCreateSchema()
shadowing_schema = ShadowingSessionSchema()
shadowing_patch_schema = patch(ShadowingSessionSchema)
