"""Extensions, created once here and bound in ``create_app``."""
from apispec.ext.marshmallow import MarshmallowPlugin
from flask_smorest import Api
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

from .schemas.common import ErrorSchema

socketio = SocketIO()
csrf = CSRFProtect()


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
    return name + "Patch" if getattr(schema, "partial", False) and not isinstance(schema, type) else name


api = BoardApi(spec_kwargs={"marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name)})
