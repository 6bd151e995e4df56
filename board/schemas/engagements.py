"""Engagements and members."""
from marshmallow import ValidationError, fields, validate, validates_schema

from ..models.engagement import ROLES, SIDES
from .common import BaseSchema, Name, UserSchema


class MemberSchema(BaseSchema):
    """A member: in, ``email``, ``side``, ``roles``; out, the user with side and roles."""

    email = fields.Email(required=True, load_only=True, validate=validate.Length(max=254))
    user = fields.Nested(UserSchema, dump_only=True)
    side = fields.String(required=True, validate=validate.OneOf(SIDES))
    roles = fields.List(
        fields.String(validate=validate.OneOf(ROLES)), load_default=lambda: ["member"],
        validate=validate.Length(min=1, max=len(ROLES)),
    )

    @validates_schema
    def _roles_fit_side(self, data, **kwargs):
        roles = data.get("roles") or []
        if "viewer" in roles and len(set(roles)) > 1:
            raise ValidationError("A viewer is read-only and holds no other role.", "roles")
        if "sponsor" in roles and data.get("side") == "provider":
            raise ValidationError("Sponsors are always on the buyer side.", "roles")


class EngagementSchema(BaseSchema):
    """An engagement; on create, ``side`` is the creator's side."""

    id = fields.String(dump_only=True)
    name = Name(200, required=True)
    buyer_name = Name(200, required=True)
    provider_name = Name(200, required=True)
    side = fields.String(required=True, load_only=True, validate=validate.OneOf(SIDES))
    created_at = fields.DateTime(dump_only=True)


class EngagementDetailSchema(EngagementSchema):
    """One engagement with its members and the caller's own side and roles."""

    members = fields.List(fields.Nested(MemberSchema), dump_only=True)
    my_side = fields.String(dump_only=True)
    my_roles = fields.List(fields.String(), dump_only=True)


member_schema = MemberSchema()
engagement_schema = EngagementSchema()
