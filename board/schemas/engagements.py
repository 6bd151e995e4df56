"""Engagements, members, invitations and the first-run checklist."""
from marshmallow import fields, validate

from ..models.engagement import ROLES, SIDES
from .common import BaseSchema, Brief, Name, UserSchema
from .accounts import CapabilitiesSchema, MyEngagementSchema, OrganisationsSchema, Password


def Roles(**kw) -> fields.List:  # noqa: N802 - a field factory
    """A member's roles; whether they fit the side is the service's rule (``engagements.check_roles``)."""
    return fields.List(fields.String(validate=validate.OneOf(ROLES)), validate=validate.Length(min=1, max=len(ROLES)),
                       **kw)


class MemberSchema(BaseSchema):
    """A member: the user with their side, roles and when they joined."""

    user = fields.Nested(UserSchema, dump_only=True)
    side = fields.String(dump_only=True)
    roles = fields.List(fields.String(), dump_only=True)
    joined_at = fields.DateTime(dump_only=True)


class MemberRolesSchema(BaseSchema):
    """An admin's change of a member's roles (the side stays)."""

    roles = Roles(required=True)


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
    my_capabilities = fields.Nested(CapabilitiesSchema, dump_only=True)


class InvitationCreateSchema(BaseSchema):
    """An admin's invitation: who, to which side, with which roles."""

    email = fields.Email(required=True, validate=validate.Length(max=254))
    side = fields.String(required=True, validate=validate.OneOf(SIDES))
    roles = Roles(load_default=lambda: ["member"])


class InvitationSchema(BaseSchema):
    """An invitation as the engagement's admins see it."""

    id = fields.String(dump_only=True)
    engagement_id = fields.String(dump_only=True)
    email = fields.String(dump_only=True)
    side = fields.String(dump_only=True)
    roles = fields.List(fields.String(), dump_only=True)
    status = fields.String(dump_only=True)
    created_at = fields.DateTime(dump_only=True)
    expires_at = fields.DateTime(dump_only=True)
    answered_at = fields.DateTime(dump_only=True, allow_none=True)
    invited_by = Brief(allow_none=True)
    link = fields.String(dump_only=True, allow_none=True)
    email_status = fields.String(dump_only=True, allow_none=True)
    email_error = fields.String(dump_only=True, allow_none=True)


class InviterSchema(BaseSchema):
    """Who sent an invitation, by name only."""

    name = fields.String(dump_only=True)


class InvitationPreviewSchema(BaseSchema):
    """What the holder of an invitation link sees before answering."""

    engagement = fields.Nested(OrganisationsSchema, dump_only=True)
    email = fields.String(dump_only=True)
    side = fields.String(dump_only=True)
    roles = fields.List(fields.String(), dump_only=True)
    status = fields.String(dump_only=True)
    expires_at = fields.DateTime(dump_only=True)
    invited_by = fields.Nested(InviterSchema, dump_only=True)
    account_exists = fields.Boolean(dump_only=True)


class AcceptSchema(BaseSchema):
    """Accepting: nothing when signed in; a name and password to create the invited account otherwise."""

    name = Name(120)
    password = Password()


class AcceptResultSchema(BaseSchema):
    """The engagement as the new member lists it, their account and the CSRF token for writes."""

    engagement = fields.Nested(MyEngagementSchema, dump_only=True)
    user = fields.Nested(UserSchema, dump_only=True)
    csrf_token = fields.String(dump_only=True)


class EngagementEventQuerySchema(BaseSchema):
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))


class ChecklistStepSchema(BaseSchema):
    key = fields.String(dump_only=True)
    title = fields.String(dump_only=True)
    done = fields.Boolean(dump_only=True)
    detail = fields.String(dump_only=True)


class ChecklistSchema(BaseSchema):
    """The first-run checklist: what is done, from recorded facts."""

    steps = fields.List(fields.Nested(ChecklistStepSchema), dump_only=True)
    done = fields.Integer(dump_only=True)
    total = fields.Integer(dump_only=True)


engagement_schema = EngagementSchema()
invitation_schema = InvitationCreateSchema()
invitation_view_schema = InvitationSchema()
