"""Extensions, created once here and bound in ``create_app``."""
import marshmallow as ma
from apispec import BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from flask_smorest import Api
from flask_smorest.arguments import ArgumentsMixin
from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect
from webargs.flaskparser import FlaskParser

from .schemas.common import ErrorSchema

socketio = SocketIO()
csrf = CSRFProtect()


def _sign_in_key() -> str:
    """Sign-in attempts are limited per client address and account."""
    body = request.get_json(silent=True)
    email = body.get("email", "") if isinstance(body, dict) else ""
    return f"{get_remote_address()}|{str(email).strip().lower()[:254]}"


limiter = Limiter(_sign_in_key, headers_enabled=True)


class SchemaReusingParser(FlaskParser):
    """Request parsing that builds each ``@blp.arguments`` schema class once, not once per request.

    Given a class, webargs instantiates it for every request: marshmallow deep-copies every declared
    field, ~0.4 ms for a card (7% of a card create, docs/performance.md). Our schemas keep no
    per-request state, so one instance per class serves every request, like the module-level
    instances the services already share.
    """

    def __init__(self) -> None:
        super().__init__()
        self._schemas: dict[type, ma.Schema] = {}

    def _get_schema(self, argmap, req):
        if isinstance(argmap, type) and issubclass(argmap, ma.Schema):
            schema = self._schemas.get(argmap)
            if schema is None:
                schema = self._schemas[argmap] = argmap()
            return schema
        return super()._get_schema(argmap, req)


# before any blueprint is declared: board.api imports this module before its resource modules
ArgumentsMixin.ARGUMENTS_PARSER = SchemaReusingParser()


class BoardApi(Api):
    """flask-smorest's Api with our one error shape (documented as ``Error`` in the OpenAPI document)."""

    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error):
        """Answer every HTTP error in the board's shape."""
        from .errors import to_board_error

        err = to_board_error(error)
        return err.body(), err.status


def schema_name(schema) -> str:
    """OpenAPI component names: ``CardSchema`` → ``Card``; a PATCH (partial) instance → ``CardPatch``."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    partial = getattr(schema, "partial", False) and not isinstance(schema, type)
    return name + "Patch" if partial and not name.endswith("Patch") else name


IDEMPOTENCY_KEY = "Idempotency-Key"


class IdempotencyKeyPlugin(BasePlugin):
    """Documents the optional ``Idempotency-Key`` header on every write (see ``board.api.transaction``)."""

    WRITES = ("post", "put", "patch", "delete")
    PARAMETER = {
        "name": IDEMPOTENCY_KEY, "in": "header", "required": False,
        "schema": {"type": "string", "minLength": 1, "maxLength": 64},
        "description": "Names this write so that a repeat by the same user (a retry after a lost answer) answers "
                       "the first answer's status and body, marked `Idempotent-Replayed: true`, without applying "
                       "again. The events it records carry it as `op_id`. Shared with socket writes' `op_id`; "
                       "ignored without a signed-in user.",
    }

    def operation_helper(self, path=None, operations=None, **kwargs) -> None:
        """Add the header to each write operation of the path."""
        for method, operation in (operations or {}).items():
            if method in self.WRITES:
                operation.setdefault("parameters", []).append(dict(self.PARAMETER))


api = BoardApi(spec_kwargs={"marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name),
                            "extra_plugins": [IdempotencyKeyPlugin()]})
