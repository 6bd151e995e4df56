"""Socket.IO handlers: thin adapters over the same services as the REST API.

A connection is authenticated once at connect. Every handler runs as one unit of work
(``board.uow``): committed on success (then published), rolled back on error, errors answered in
the one error shape. A write names an ``op_id``; the unit of work applies it once.
"""
from __future__ import annotations

import logging
from functools import wraps

from flask import current_app, request, session as cookie
from flask_socketio import ConnectionRefusedError, join_room, leave_room
from marshmallow import fields, validate
from sqlalchemy import bindparam, select

from .. import db, uow
from ..auth import user_from_session_id, user_from_token
from ..inputs import REFUSED_EVENT
from ..errors import BoardError, Unauthorized, to_board_error
from ..extensions import socketio
from ..models import Initiative, User
from ..permissions import scoped
from ..schemas.common import BaseSchema
from ..services import log as event_log, revocations
from . import boards, broadcaster, control
from .broadcaster import room
from .connections import Connection, registry
from .ratelimit import Bucket
from .writes import WRITES

log = logging.getLogger(__name__)
SYNC_SECONDS = 2


class JoinSchema(BaseSchema):
    initiative = fields.String(required=True, validate=validate.Length(min=1, max=24))
    since = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))


class OpSchema(BaseSchema):
    op_id = fields.String(required=True, validate=validate.Length(min=1, max=64))
    initiative = fields.String(validate=validate.Length(max=24))
    card = fields.String(validate=validate.Length(max=24))
    data = fields.Dict(load_default=dict)


join_schema, op_schema = JoinSchema(), OpSchema()


def unit_of_work(fn):
    """Run a handler as one unit of work; answer errors as ``{"error": {...}}``."""

    @wraps(fn)
    def wrapper(*args):
        try:
            return db.jsonable(uow.run(lambda: fn(*args)))
        except Exception as exc:  # every failure answers the one error shape
            err = to_board_error(exc)
            if err.status >= 500:
                log.exception("socket handler failed")
            return err.body()
        finally:
            db.session.remove()

    return wrapper


# built once: runs on every socket event (``session.get`` builds its SELECT each time)
_USER = select(User).where(User.id == bindparam("id"))


def _connection(sid: str) -> tuple[Connection, User]:
    """The connection ``sid`` and its user; refused once revoked or disabled."""
    conn = registry.get(sid)
    user = db.session.execute(_USER, {"id": conn.user_id}).scalar() if conn else None
    if conn is None or conn.revoked or user is None or user.disabled:
        raise Unauthorized("This connection is no longer signed in; sign in again.")
    return conn, user


@socketio.on("connect")
def on_connect(auth=None):
    """Authenticate once: ``auth={"token"}`` or the session cookie; otherwise refuse."""
    try:
        token = auth.get("token") if isinstance(auth, dict) else None
        sid = None if token else cookie.get("sid")
        user = user_from_token(token) if token else user_from_session_id(sid)
        if user is None:
            raise ConnectionRefusedError({"code": "unauthorized", "message": "Sign in first."})
        settings = current_app.config["BOARD"]
        registry[request.sid] = Connection(request.sid, user.id, user.name, sid,
                                           Bucket(settings.write_rate, settings.write_rate * 2))
        join_room(f"user:{user.id}")
    finally:
        db.session.remove()


@socketio.on("disconnect")
def on_disconnect(*_args):
    """Forget the socket and update presence on its boards."""
    conn = registry.pop(request.sid, None)
    if conn:
        for initiative in list(conn.boards):
            boards.left_board(conn, initiative)


@socketio.on("join")
@unit_of_work
def on_join(payload=None):
    """Watch a board: ack ``{seq, events}`` after ``since``, or ``{seq, snapshot}`` when far behind."""
    data = join_schema.load(payload or {})
    uow.read_only()
    conn, user = _connection(request.sid)
    initiative, me = scoped(user, Initiative, data["initiative"])
    join_room(room(initiative.id))  # before reading: nothing committed after the read is missed
    boards.watch(conn, initiative.id, initiative.engagement_id, me.side)
    return event_log.catch_up(user, initiative, data["since"])


@socketio.on("leave")
@unit_of_work
def on_leave(payload=None):
    """Stop watching a board."""
    data = join_schema.load(payload or {})
    conn, _user = _connection(request.sid)
    if data["initiative"] in conn.boards:
        leave_room(room(data["initiative"]))
        boards.left_board(conn, data["initiative"])
    return {"ok": True}


def _make_write_handler(action: str):
    schema, target, call, dump = WRITES[action]

    @unit_of_work
    def handler(sid, payload=None):
        conn, user = _connection(sid)
        if not conn.bucket.take():
            raise BoardError("Too many changes at once from this connection; slow down and retry.", code="rate_limited")
        op = op_schema.load(payload or {})
        uow.idempotent(user.id, op["op_id"])  # a resend answers the first answer (see board/uow.py)
        if not op.get(target):
            raise BoardError(f"{target}: give the id of the {target}.", fields={target: ["Missing."]}, code="invalid")
        result = call(user, op[target], schema.load(op["data"]) if schema else op["data"])
        return {"ok": True, "result": db.jsonable(dump.dump(result))}

    handler.__doc__ = f"Socket write ``{action}`` {{op_id, …, data}}; acks ``{{ok, result}}`` or an error."
    return handler


_WRITE_HANDLERS = {action: _make_write_handler(action) for action in WRITES}


def _register_writes(app) -> None:
    """Hand the write events to python-socketio directly, each run in an app context only.

    Flask-SocketIO would run each in a request context: a Flask ``Request`` built from the
    connection's environ, the URL matched against every route and the session cookie opened —
    ~140-190 µs hot, more between edits, about as much as three of the write's SQL statements
    (docs/performance.md). A write needs none of it: it is the connection's (``sid``) and is
    authorised from the connection's user, not from the request.
    """
    def in_app_context(handler):
        def on_write(sid, payload=None, *_more):
            with app.app_context():
                return handler(sid, payload)

        return on_write

    for action, handler in _WRITE_HANDLERS.items():
        socketio.server.on(action, in_app_context(handler), namespace="/")
    # a message the JSON reader refused (board.inputs.SocketJSON): its ack is the reason
    socketio.server.on(REFUSED_EVENT, lambda _sid, error=None, *_rest: error, namespace="/")


def _sync_ticks() -> None:
    """Every few seconds tell each watched board its latest ``seq``: a client that missed an event
    (say, while Redis restarted) sees it is behind and replays from the log.

    A board whose latest event this process broadcast since the previous tick is skipped: that event
    just told every client the same ``seq`` (one that missed it also sees the gap at the next event,
    or gets the next tick). A tick costs one send per watching client — at workshop scale, tens of
    milliseconds that an edit arriving meanwhile would queue behind (docs/performance.md).
    """
    while True:
        socketio.sleep(SYNC_SECONDS)
        watched = {initiative for conn in list(registry.values()) for initiative in conn.boards}
        fresh = dict(broadcaster.published)
        broadcaster.published.clear()
        if not watched:
            continue
        try:
            uow.read_only()
            _reconcile()
            rows = db.session.execute(select(Initiative.id, Initiative.last_seq).where(Initiative.id.in_(watched)))
            for initiative, seq in rows:
                if fresh.get(initiative) == seq:
                    continue
                socketio.emit("sync", {"initiative": initiative, "seq": seq}, to=room(initiative))
        except Exception:
            log.warning("sync tick failed", exc_info=True)
        finally:
            db.session.remove()


def _reconcile() -> None:
    """Catch any revocation this process was not told about (e.g. a nudge from another process missed):
    disabled users, ended sign-ins and removed members lose their sockets within a tick."""
    conns = [(c.user_id, c.auth_session, [e for e, _side in c.boards.values()]) for c in list(registry.values())]
    for revocation in revocations.missed(conns):
        control.apply(revocation.message())


def check_revocations() -> None:
    """Close at once the sockets that lost access, as the database has it (a nudge from ``board user disable``)."""
    try:
        uow.read_only()
        _reconcile()
    finally:
        db.session.remove()


def start(app, settings) -> None:
    """Register the writes, choose presence storage and start background work for this process."""
    _register_writes(app)
    socketio.start_background_task(_sync_ticks)
    boards.start(settings.redis_url)
