"""Shared schema pieces: the base schema, money, user briefs, bounded strings."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from marshmallow import RAISE, Schema, ValidationError, fields, pre_load, validate

MAX_TEXT = 5000
EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    if isinstance(value, Mapping):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    return False


class BaseSchema(Schema):
    """Rejects unknown fields; server-owned fields are ``dump_only`` and so rejected on input too."""

    class Meta:
        unknown = RAISE
        ordered = True

    @pre_load
    def _no_nul_characters(self, data, **kwargs):
        """NUL characters are never text (PostgreSQL cannot even store them): 422 naming the field."""
        if isinstance(data, Mapping):
            bad = {str(k): ["Must not contain NUL (\\u0000) characters."] for k, v in data.items()
                   if _has_nul(k) or _has_nul(v)}
            if bad:
                raise ValidationError(bad)
        return data


def Text(max_len: int = MAX_TEXT, **kw) -> fields.String:  # noqa: N802 - a field factory
    """A string bounded to ``max_len`` characters."""
    return fields.String(validate=validate.Length(max=max_len), **kw)


def When(**kw) -> fields.AwareDateTime:  # noqa: N802
    """A timezone-aware date and time within years 1900..9000 (beyond, UTC conversion overflows)."""
    return fields.AwareDateTime(validate=validate.Range(min=EARLIEST, max=LATEST,
                                                        error="Must be between 1900 and 9000."), **kw)


def Name(max_len: int = 200, **kw) -> fields.String:  # noqa: N802
    """A required-looking short string: 1..max_len characters after trimming."""
    return fields.String(validate=validate.Length(min=1, max=max_len), **kw)


MAX_NUMBER = 1e15


class Number(fields.Float):
    """A JSON number (never a string such as ``"1,500"``: the client parses what people type), finite
    and within ±10^15."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValidationError("Must be a number (a JSON number, not text).")
        number = super()._deserialize(value, attr, data, **kwargs)
        if not -MAX_NUMBER <= number <= MAX_NUMBER:
            raise ValidationError("Must be between -10^15 and 10^15.")
        return number


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


class ErrorDetailSchema(Schema):
    """What went wrong; ``fields`` names each bad field, ``current`` is the state a stale write missed."""

    code = fields.String(required=True)
    message = fields.String(required=True)
    fields_ = fields.Dict(data_key="fields", keys=fields.String(), values=fields.List(fields.String()))
    current = fields.Dict()


class ErrorSchema(Schema):
    """Every error: ``{"error": {"code", "message", "fields"?, "current"?}}`` (documentation only)."""

    error = fields.Nested(ErrorDetailSchema, required=True)
