"""Sign-in, tokens, the signed-in user, profiles and password resets."""
from marshmallow import fields, validate

from ..permissions import POLICIES
from .common import BaseSchema, Brief, Name, UserSchema


def Password(**kw) -> fields.String:  # noqa: N802 - a field factory
    """A password as typed (never dumped); its rules are checked where it is chosen (``board.passwords``)."""
    return fields.String(validate=validate.Length(min=1, max=256), load_only=True, **kw)


class LoginSchema(BaseSchema):
    """Browser sign-in."""

    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = Password(required=True)


class TokenRequestSchema(LoginSchema):
    """A personal access token request."""

    name = Name(120, load_default="script")


class TokenSchema(BaseSchema):
    """A freshly made token; shown once."""

    token = fields.String(dump_only=True)
    name = fields.String(dump_only=True)


class LoginResultSchema(BaseSchema):
    """The user and the CSRF token to send as ``X-CSRFToken`` on writes."""

    user = fields.Nested(UserSchema, dump_only=True)
    csrf_token = fields.String(dump_only=True)


CapabilitiesSchema = BaseSchema.from_dict(
    {p.name: fields.Boolean(dump_only=True, metadata={"description": p.refusal}) for p in POLICIES},
    name="Capabilities")
CapabilitiesSchema.__doc__ = ("What I may do in an engagement, one flag per named policy of board/permissions.py "
                              "(each flag's description is what the server answers when refused).")


class MyEngagementSchema(BaseSchema):
    """An engagement as seen in ``/me``: with my side and roles."""

    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    buyer_name = fields.String(dump_only=True)
    provider_name = fields.String(dump_only=True)
    side = fields.String(dump_only=True)
    roles = fields.List(fields.String(), dump_only=True)
    capabilities = fields.Nested(CapabilitiesSchema, dump_only=True)


class OrganisationsSchema(BaseSchema):
    """An engagement as someone not (yet) in it may see it: its name and both organisations."""

    name = fields.String(dump_only=True)
    buyer_name = fields.String(dump_only=True)
    provider_name = fields.String(dump_only=True)


class MyInvitationSchema(BaseSchema):
    """A pending invitation to my e-mail."""

    id = fields.String(dump_only=True)
    engagement = fields.Nested(OrganisationsSchema, dump_only=True)
    side = fields.String(dump_only=True)
    roles = fields.List(fields.String(), dump_only=True)
    invited_by = Brief(allow_none=True)
    created_at = fields.DateTime(dump_only=True)
    expires_at = fields.DateTime(dump_only=True)


class MeSchema(BaseSchema):
    """The signed-in user with their engagements and pending invitations."""

    user = fields.Nested(UserSchema, dump_only=True)
    engagements = fields.List(fields.Nested(MyEngagementSchema), dump_only=True)
    invitations = fields.List(fields.Nested(MyInvitationSchema), dump_only=True)
    csrf_token = fields.String(dump_only=True)


class ProfileSchema(BaseSchema):
    """``PATCH /me``: a new name, or a new password with the current one."""

    name = Name(120)
    password = Password()
    current_password = Password()


class PasswordResetRequestSchema(BaseSchema):
    """"Forgot password": the account's e-mail."""

    email = fields.Email(required=True, validate=validate.Length(max=254), load_only=True)


class PasswordResetSchema(BaseSchema):
    """A new password from a reset link."""

    token = fields.String(required=True, validate=validate.Length(min=1, max=200), load_only=True)
    password = Password(required=True)


class MessageSchema(BaseSchema):
    """A sentence for the person who asked."""

    message = fields.String(dump_only=True)


login_schema = LoginSchema()
token_request_schema = TokenRequestSchema()
