"""Extensions, created once here and bound in ``create_app``."""
import functools

import flask_smorest as smorest
import marshmallow as ma
from apispec import BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import request
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict

from .ratelimits import RateLimiter, remote_address
from .schemas.common import ErrorSchema

socketio = SocketIO()
csrf = CSRFProtect()


def _sign_in_key() -> str:
    """Sign-in attempts are limited per client address and account."""
    body = request.get_json(silent=True)
    email = body.get("email", "") if isinstance(body, dict) else ""
    return f"{remote_address()}|{str(email).strip().lower()[:254]}"


limiter = RateLimiter(_sign_in_key)


class MultipartParser(FlaskParser):
    """webargs' Flask parser, whose ``files`` location is the whole ``multipart/form-data`` body: its
    file parts and its fields, so one schema (one documented request body) describes an upload; JSON
    bodies are read with the board's input limits."""

    def _raw_load_json(self, req):
        """The JSON body, read with the board's input limits (``board.inputs``)."""
        from webargs.flaskparser import is_json_request
        from webargs import core

        from .inputs import loads

        return loads(req.get_data(cache=True)) if is_json_request(req) else core.missing

    def load_files(self, req, schema):
        """The file parts and the form fields together."""
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)


class Blueprint(smorest.Blueprint):
    """flask-smorest's Blueprint, parsing each ``@blp.arguments`` schema class with one shared instance.

    Given a class, webargs instantiates it for every request: marshmallow deep-copies every declared
    field, ~0.4 ms for a card (7% of a card create, docs/performance.md, change 6). Our schemas keep
    no per-request state, so one instance per class serves every request, like the module-level
    instances the services already share; the OpenAPI document names an instance as its class.
    """

    ARGUMENTS_PARSER = MultipartParser()

    def arguments(self, schema, *args, **kwargs):
        """``flask_smorest.Blueprint.arguments``, given the shared instance of a schema class."""
        if isinstance(schema, type) and issubclass(schema, ma.Schema):
            schema = _shared_schema(schema)
        return super().arguments(schema, *args, **kwargs)


@functools.cache
def _shared_schema(cls: type[ma.Schema]) -> ma.Schema:
    return cls()


class BoardApi(smorest.Api):
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
