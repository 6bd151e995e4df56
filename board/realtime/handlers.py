"""Socket.IO handlers: thin adapters over the same services as the REST API.

A connection is authenticated once at connect. Every handler runs as one unit of work: commit on
success (then broadcast), roll back on error, and answer errors in the one error shape.
"""
from __future__ import annotations

import logging
from functools import wraps

from flask import current_app, request, session as cookie
from flask_socketio import ConnectionRefusedError, join_room, leave_room
from marshmallow import ValidationError, fields, validate
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from .. import boundary, db
from ..auth import user_from_session_id, user_from_token
from ..errors import BoardError, Unauthorized, to_board_error
from ..extensions import socketio
from ..models import AuthSession, Initiative, Membership, ProcessedOp, User
from ..permissions import scoped
from ..schemas.common import BaseSchema
from ..services import log as event_log, readside
from . import broadcaster, control, presence as presence_mod
from .broadcaster import room
from .connections import Connection, registry
from .ratelimit import Bucket
from .writes import WRITES

log = logging.getLogger(__name__)
SNAPSHOT_AFTER = 500  # a client further behind than this gets a snapshot instead of events
SYNC_SECONDS = 2
PRESENCE_COALESCE = 0.1  # seconds: presence changes on a board within this window go out as one broadcast
presence: presence_mod.LocalPresence | presence_mod.RedisPresence = presence_mod.LocalPresence()


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
    """Run a handler as one transaction; answer errors as ``{"error": {...}}``."""

    @wraps(fn)
    def wrapper(*args):
        try:
            result = fn(*args)
            boundary.commit()
            return db.jsonable(result)
        except Exception as exc:  # every failure answers the one error shape
            boundary.rollback()
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
            left_board(conn, initiative)


def _who(conn: Connection, side: str) -> dict:
    return {"id": conn.user_id, "name": conn.name, "side": side}


_presence_due: set[str] = set()  # boards whose presence broadcast is already scheduled


def _emit_presence(initiative: str) -> None:
    """Broadcast who is on the board, at most once per ``PRESENCE_COALESCE`` seconds per board.

    Every join, leave and disconnect changes presence; broadcasting each one to the whole room costs
    O(N) sends, so N people arriving together (a workshop starting, everyone reconnecting after a
    restart) would cost O(N²). Changes within the window go out as one broadcast of the latest list.
    """
    if initiative in _presence_due:
        return
    _presence_due.add(initiative)
    socketio.start_background_task(_send_presence, initiative)


def _send_presence(initiative: str) -> None:
    socketio.sleep(PRESENCE_COALESCE)
    _presence_due.discard(initiative)  # a change from now on schedules the next broadcast
    try:
        members = presence_mod.summarise(presence.entries(initiative))
    except Exception:  # presence is best effort
        log.warning("presence unavailable", exc_info=True)
        return
    socketio.emit("presence", {"initiative": initiative, "members": members}, to=room(initiative))


def left_board(conn: Connection, initiative: str) -> None:
    """The socket no longer watches ``initiative``."""
    conn.boards.pop(initiative, None)
    presence.remove(initiative, conn.sid)
    _emit_presence(initiative)


@socketio.on("join")
@unit_of_work
def on_join(payload):
    """Watch a board: ack ``{seq, events}`` after ``since``, or ``{seq, snapshot}`` when far behind."""
    data = join_schema.load(payload or {})
    db.read_only()
    conn, user = _connection(request.sid)
    initiative, me = scoped(user, Initiative, data["initiative"])
    join_room(room(initiative.id))  # before reading: nothing committed after the read is missed
    conn.boards[initiative.id] = (initiative.engagement_id, me.side)
    presence.add(initiative.id, conn.sid, _who(conn, me.side))
    _emit_presence(initiative.id)
    since = data["since"]
    db.session.refresh(initiative)
    if since is None or since > initiative.last_seq or initiative.last_seq - since > SNAPSHOT_AFTER:
        snapshot = readside.snapshot(user, initiative.id)
        return {"seq": snapshot["seq"], "snapshot": snapshot}
    events = event_log.events_after(initiative.id, since)
    return {"seq": events[-1].seq if events else since, "events": [e.message() for e in events]}


@socketio.on("leave")
@unit_of_work
def on_leave(payload):
    """Stop watching a board."""
    data = join_schema.load(payload or {})
    conn, _user = _connection(request.sid)
    if data["initiative"] in conn.boards:
        leave_room(room(data["initiative"]))
        left_board(conn, data["initiative"])
    return {"ok": True}


_ops = ProcessedOp.__table__
# built once: they run on every socket write (see services/events.py)
_ANSWERED = select(_ops.c.response).where(_ops.c.user_id == bindparam("user"), _ops.c.op_id == bindparam("op"))
_REMEMBER = insert(_ops)


def _answered(user_id: str, op_id: str) -> dict | None:
    """What an operation already applied answered, if it was."""
    return db.session.connection().execute(_ANSWERED, {"user": user_id, "op": op_id}).scalar()


def _write(user: User, action: str, op: dict) -> dict:
    """Apply one client operation and remember its answer under its ``op_id``, in the same transaction."""
    schema, target, call, dump = WRITES[action]
    if not op.get(target):
        raise BoardError(f"{target}: give the id of the {target}.", fields={target: ["Missing."]}, code="invalid")
    result = call(user, op[target], schema.load(op["data"]) if schema else op["data"])
    response = {"ok": True, "result": db.jsonable(dump.dump(result))}
    db.session.connection().execute(_REMEMBER, {"user_id": user.id, "op_id": op["op_id"], "response": response,
                                                "created_at": db.utcnow()})
    return response


def _make_write_handler(action: str):
    @unit_of_work
    def handler(sid, payload=None):
        conn, user = _connection(sid)
        if not conn.bucket.take():
            raise BoardError("Too many changes at once from this connection; slow down and retry.", code="rate_limited")
        op, user_id = op_schema.load(payload or {}), user.id
        try:
            return _write(user, action, op)
        except (BoardError, ValidationError, IntegrityError):
            # A resent op_id fails where the first attempt succeeded: its version is stale by then, or
            # its answer is already remembered (the INSERT collides, also when the first attempt
            # committed on another worker meanwhile). Then the first answer is the answer. Looking it
            # up only on failure saves a SELECT on every write.
            boundary.rollback()
            db.read_only()  # the lookup takes no write lock
            done = _answered(user_id, op["op_id"])
            if done is None:
                raise
            return done

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
            db.read_only()
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
    """Catch any revocation this process was not told about (e.g. made by another process without
    Redis): disabled users, ended sign-ins and removed members lose their sockets within a tick."""
    conns = list(registry.values())
    users = {c.user_id for c in conns}
    disabled = set(db.session.scalars(select(User.id).where(User.id.in_(users), User.disabled.is_(True))))
    sessions = {c.auth_session for c in conns if c.auth_session}
    live = set(db.session.scalars(select(AuthSession.id).where(AuthSession.id.in_(sessions)))) if sessions else set()
    members = set(db.session.execute(select(Membership.engagement_id, Membership.user_id)
                                     .where(Membership.user_id.in_(users))).tuples())
    for c in conns:
        if c.user_id in disabled:
            control.apply({"kind": "user_disabled", "user": c.user_id})
        elif c.auth_session and c.auth_session not in live:
            control.apply({"kind": "session_ended", "auth_session": c.auth_session})
        else:
            for engagement in {e for e, _side in c.boards.values() if (e, c.user_id) not in members}:
                control.apply({"kind": "member_removed", "engagement": engagement, "user": c.user_id})


def start(app, settings) -> None:
    """Register the writes, choose presence storage and start background work for this process."""
    global presence
    _register_writes(app)
    socketio.start_background_task(_sync_ticks)
    if settings.redis_url:
        presence = presence_mod.RedisPresence(settings.redis_url)

        def heartbeat():
            while True:
                try:
                    presence.heartbeat()
                    # re-assert this process's entries: Redis may have restarted empty
                    for conn in list(registry.values()):
                        for initiative, (_engagement, side) in list(conn.boards.items()):
                            presence.add(initiative, conn.sid, _who(conn, side))
                except Exception:
                    log.warning("presence heartbeat failed", exc_info=True)
                socketio.sleep(presence_mod.HEARTBEAT_SECONDS)

        socketio.start_background_task(heartbeat)
    else:
        presence = presence_mod.LocalPresence()


