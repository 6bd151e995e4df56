"""The Flask application factory."""
from __future__ import annotations

import warnings

from flask import Flask

from .config import Settings


def photo_store(settings: Settings):
    """The bucket named by ``BOARD_S3_BUCKET`` (board/s3.py), else the local folder."""
    from . import storage

    if not settings.s3_bucket:
        return storage.LocalStore(settings.attachments_path)
    from .s3 import S3Store

    return S3Store(settings.s3_bucket, endpoint_url=settings.s3_endpoint_url, region=settings.s3_region,
                   prefix=settings.s3_prefix, addressing=settings.s3_addressing)


def create_app(settings: Settings | None = None) -> Flask:
    """Build the Flask app from ``settings`` (default: the environment)."""
    from . import db, headers, inputs, mailer, storage, uow
    from .api.mount import register_api
    from .extensions import csrf, limiter, socketio
    from .infra import fanout
    from .realtime import control, handlers, publisher
    from .realtime.origins import origin_checker
    from .web import web
    from .services import derived

    # eventlet announces its bugfix-only status on import; it is still our default server
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    settings = settings or Settings.from_env()
    app = Flask(__name__, instance_path=str(settings.instance_dir), static_folder=None)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        BOARD=settings,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.session_cookie_secure,
        WTF_CSRF_CHECK_DEFAULT=False,  # checked below, only for cookie-authenticated writes
        WTF_CSRF_TIME_LIMIT=None,  # valid for the whole sign-in: workshops run long
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        JSON_SORT_KEYS=False,
    )
    app.json = inputs.JSONProvider(app)  # reads JSON with the board's input limits
    app.json.sort_keys = False
    db.bind(db.make_engine(settings.database_url))
    storage.configure(photo_store(settings))  # photos (board/storage.py)
    headers.install(app, https=settings.session_cookie_secure, proxy_hops=settings.proxy_hops)
    csrf.init_app(app)
    limiter.init_app(app, settings.redis_url or "memory://")  # the sign-in views' own limits (board/ratelimits.py)
    mailer.transport_for(app)  # a bad BOARD_SMTP_URL stops the start with its reason
    register_api(app)
    app.register_blueprint(web)
    socketio.init_app(
        app,
        async_mode=settings.async_mode,
        message_queue=settings.redis_url,
        cors_allowed_origins=origin_checker(settings.allowed_origins),
        json=inputs.SocketJSON,
    )
    # eventlet: one frame per broadcast (board/infra/fanout.py); which path runs, and why, is logged
    app.extensions["board_fanout"] = fanout.install(socketio.server, settings.fanout)
    handlers.start(app, settings)
    control.configure(settings.redis_url, settings.instance_dir)
    uow.set_publisher(publisher.publish)  # every door's commits reach sockets and the mailer
    if derived.before_commit not in uow.before_commit_hooks:  # power_ups.changed, where a write moved them
        uow.before_commit_hooks.append(derived.before_commit)

    inputs.install(app)  # first of the before-request hooks: a body beyond the limit is never read

    @app.teardown_appcontext
    def _remove_session(_exc):
        db.session.remove()

    return app

