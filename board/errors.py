"""One error shape for HTTP and sockets: ``{"error": {"code", "message", "fields"?, "current"?}}``."""
from __future__ import annotations

from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException


class BoardError(Exception):
    """A failure the user can act on; ``status`` is the HTTP status it maps to."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, fields: dict | None = None, current: Any = None, code: str | None = None):
        super().__init__(message)
        self.message = message
        self.fields = fields
        self.current = current
        if code:
            self.code = code

    def body(self) -> dict:
        """The JSON error body."""
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.fields:
            error["fields"] = self.fields
        if self.current is not None:
            error["current"] = self.current
        return {"error": error}


class Unauthorized(BoardError):
    status, code = 401, "unauthorized"


class Forbidden(BoardError):
    status, code = 403, "forbidden"


class NotFound(BoardError):
    status, code = 404, "not_found"


class Conflict(BoardError):
    status, code = 409, "conflict"


class TooLarge(BoardError):
    """An upload beyond what the server accepts."""

    status, code = 413, "too_large"


class Unavailable(BoardError):
    """Something the board relies on (the photo store) cannot answer just now; nothing was changed."""

    status, code = 503, "unavailable"


class Invalid(BoardError):
    """Input that parsed but breaks a rule; names the field."""

    status, code = 422, "invalid"

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}", fields={field: [message]})


def _flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"a.b": [..]}``."""
    if isinstance(messages, list):
        return {prefix or "_schema": [str(m) for m in messages]}
    out: dict[str, list[str]] = {}
    for key, value in (messages or {}).items():
        out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    return out


def from_validation(messages: Any) -> BoardError:
    """A 422 naming every field that was wrong."""
    fields = _flatten(messages)
    summary = "; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items())
    err = BoardError(f"Invalid input — {summary}", fields=fields, code="invalid")
    err.status = 422
    return err


def to_board_error(exc: BaseException) -> BoardError:
    """Map any exception to a BoardError (unknown ones become a 500 without details)."""
    if isinstance(exc, BoardError):
        return exc
    if isinstance(exc, ValidationError):
        return from_validation(exc.messages)
    if isinstance(exc, StaleDataError):
        return Conflict("Someone else changed this at the same moment; reload and try again.")
    if isinstance(exc, HTTPException):
        messages = (getattr(exc, "data", None) or {}).get("messages")
        if messages and exc.code in (400, 422):
            # webargs puts messages under the location ("json", "query"); the field is what matters
            merged: dict = {}
            for part in messages.values():
                merged.update(part if isinstance(part, dict) else {"_schema": part})
            err = from_validation(merged)
            if exc.code == 400:  # the body could not be parsed at all (webargs: "Invalid JSON body.")
                err.status, err.code = 400, "bad_request"
            return err
        message = exc.description or exc.name
        if exc.code == 429:
            message = f"Too many attempts ({exc.description}); wait a little and try again."
        err = BoardError(message, code=(exc.name or "error").lower().replace(" ", "_"))
        err.status = exc.code or 500
        return err
    err = BoardError("Something went wrong on our side; nothing was changed.", code="internal")
    err.status = 500
    return err
