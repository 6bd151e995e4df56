"""Shared schema pieces: the base schema, money, user briefs, bounded strings."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from marshmallow import RAISE, Schema, ValidationError, fields, validate

MAX_TEXT = 5000


class BaseSchema(Schema):
    """Rejects unknown fields; server-owned fields are ``dump_only`` and so rejected on input too."""

    class Meta:
        unknown = RAISE
        ordered = True


def Text(max_len: int = MAX_TEXT, **kw) -> fields.String:  # noqa: N802 - a field factory
    """A string bounded to ``max_len`` characters."""
    return fields.String(validate=validate.Length(max=max_len), **kw)


def Name(max_len: int = 200, **kw) -> fields.String:  # noqa: N802
    """A required-looking short string: 1..max_len characters after trimming."""
    return fields.String(validate=validate.Length(min=1, max=max_len), **kw)


class Money(fields.Field):
    """An amount in JSON as a number with at most 2 decimals; held as integer cents."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value / 100

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValidationError("Must be a number.")
        try:
            amount = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValidationError("Must be a number.") from exc
        if not amount.is_finite() or amount <= 0:
            raise ValidationError("Must be greater than 0.")
        if amount > Decimal("1000000000"):
            raise ValidationError("Must be at most 1,000,000,000.")
        if amount != amount.quantize(Decimal("0.01")):
            raise ValidationError("At most 2 decimal places.")
        return int(amount * 100)


class UserBriefSchema(BaseSchema):
    """A person as shown beside what they did."""

    id = fields.String(dump_only=True)
    name = fields.String(dump_only=True)


class UserSchema(UserBriefSchema):
    """A person with their email."""

    email = fields.String(dump_only=True)


def Brief(**kw) -> fields.Nested:  # noqa: N802
    """A nested, read-only user brief."""
    return fields.Nested(UserBriefSchema, dump_only=True, **kw)


def patch(schema_cls: type[Schema], **kw) -> Schema:
    """An instance for PATCH: every field optional except ``version``."""
    names = tuple(n for n in schema_cls._declared_fields if n != "version")
    return schema_cls(partial=names, **kw)
