"""Mounting the REST API: every resource blueprint, the OpenAPI document, the error shape."""
from __future__ import annotations

from flask import Flask, current_app, g, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import RequestEntityTooLarge

from .. import uow
from ..auth import current_user
from ..errors import BoardError, Forbidden, NotFound, TooLarge, to_board_error
from ..extensions import api, csrf
from . import (NO_CSRF, PREFIX, WRITES, auth, budget, cards, engagements, initiatives, invitations, kpis, library, log,
               notifications, photos, reports, search, shadowing, transaction, workshop)


def register_api(app: Flask) -> None:
    """Mount every resource blueprint, the OpenAPI document and the error shape."""
    app.config.update(
        API_TITLE="Co-Learning Board API", API_VERSION="v1", OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX=PREFIX, OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": "Buyer and provider staff co-author shadowing, stories and experiments."},
            "components": {"securitySchemes": {
                "cookie": {"type": "apiKey", "in": "cookie", "name": "session"},
                "bearer": {"type": "http", "scheme": "bearer"},
            }},
            "security": [{"cookie": []}, {"bearer": []}],
        },
    )
    api.init_app(app)
    for module in (auth, engagements, invitations, initiatives, kpis, shadowing, cards, budget, log, workshop,
                   notifications, library, search, reports, photos):
        api.register_blueprint(module.blp)

    @app.before_request
    def _photo_sized_uploads():
        """A photo upload may be as large as a photo (with room for the form around it); others stay small.

        Its body is read here, before the request's first query: on SQLite a write's first query takes
        the write lock, which a phone's slow upload must not hold.
        """
        if request.endpoint == photos.UPLOAD:
            request.max_content_length = current_app.config["BOARD"].photo_max_bytes + 64 * 1024
            request.files  # noqa: B018 - parses the body now

    @app.before_request
    def _no_nul_in_ids():
        """An id with a NUL character names nothing (and PostgreSQL cannot even compare it): 404."""
        if any(isinstance(v, str) and "\x00" in v for v in (request.view_args or {}).values()):
            raise NotFound("Not found.")

    @app.before_request
    def _csrf_for_cookie_writes():
        """Browser writes carry ``X-CSRFToken``; token (Bearer) writes need none. Reads never wait for writers."""
        if request.method in ("GET", "HEAD") and request.path.startswith(PREFIX):
            uow.read_only()
        if request.method in WRITES and request.path.startswith(PREFIX) and request.path not in NO_CSRF:
            if current_user() is not None and not g.via_token:
                csrf.protect()

    transaction.install(app)  # after the CSRF check: a refused write is no repeat of anything

    @app.errorhandler(BoardError)
    def _board_error(exc: BoardError):
        return exc.body(), exc.status

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(_exc):
        limit = request.max_content_length or 0
        if request.endpoint == photos.UPLOAD:
            mb = current_app.config["BOARD"].photo_max_bytes // (1024 * 1024)
            err = TooLarge(f"photo: The photo is larger than {mb} MB; send a smaller one.", fields={"photo": ["Too large."]})
        else:
            err = TooLarge(f"The request is larger than this server accepts ({limit // 1024} KB).")
        return err.body(), err.status

    @app.errorhandler(CSRFError)
    def _csrf_error(exc: CSRFError):
        err = Forbidden(f"CSRF check failed ({exc.description}); send the X-CSRFToken header from sign-in.", code="csrf")
        return err.body(), err.status

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        err = to_board_error(exc)
        if err.status >= 500:
            app.logger.exception("unhandled error")
        return err.body(), err.status
