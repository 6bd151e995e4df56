"""Sign-in, tokens and the signed-in user."""
from marshmallow import fields, validate

from .common import BaseSchema, Name, UserSchema


class LoginSchema(BaseSchema):
    """Browser sign-in."""

    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=256), load_only=True)


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


class MyEngagementSchema(BaseSchema):
    """An engagement as seen in ``/me``: with my side and roles."""

    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)
    buyer_name = fields.String(dump_only=True)
    provider_name = fields.String(dump_only=True)
    side = fields.String(dump_only=True)
    roles = fields.List(fields.String(), dump_only=True)


class MeSchema(BaseSchema):
    """The signed-in user with their engagements."""

    user = fields.Nested(UserSchema, dump_only=True)
    engagements = fields.List(fields.Nested(MyEngagementSchema), dump_only=True)
    csrf_token = fields.String(dump_only=True)


login_schema = LoginSchema()
token_request_schema = TokenRequestSchema()
