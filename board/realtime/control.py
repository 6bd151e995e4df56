"""Revocations that must reach live sockets at once, on every process.

After a commit that removes a member, ends a sign-in or disables a user, the unit of work's
publisher sends a control message; each process applies it to its own sockets: through Redis pub/sub
when processes share a message queue, else directly, and servers on this machine are nudged to check
the database at once (``realtime.local``). A process that serves no sockets (the ``board`` command)
returns only once every server has acted, so nothing committed after it reaches a revoked socket.
"""
from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from ..extensions import socketio
from . import local
from .boards import left_board
from .broadcaster import room
from .connections import registry

CHANNEL = "board:control"
CONFIRM_SECONDS = 1.0  # how long a command waits for the servers' word before leaving it to their checks
log = logging.getLogger(__name__)
_redis = None
_local: Path | None = None  # without Redis: this instance's servers' sockets
_serving = False


def configure(redis_url: str | None, instance_dir: Path | None = None) -> None:
    """Use Redis pub/sub between processes when ``redis_url`` is set, else nudge the servers of ``instance_dir``."""
    global _redis, _local, _serving
    _serving = False
    if redis_url:
        import redis

        _redis, _local = redis.Redis.from_url(redis_url), None
        socketio.start_background_task(_listen, redis_url)
    else:
        _redis, _local = None, local.directory(instance_dir) if instance_dir else None


def serve(check: Callable[[], None]) -> None:
    """This process serves sockets (``board serve``): without Redis, let other processes nudge ``check``."""
    global _serving
    _serving = True
    if _local is not None:
        local.listen(_local, check)


def publish(messages: list[dict]) -> None:
    """Send control messages to every process (this one included)."""
    for message in messages:
        if _redis is not None:
            try:
                _send(message)
                continue
            except Exception:  # Redis down: at least this process acts at once
                log.exception("control publish failed; applying locally")
        apply(message)
    if messages and _local is not None:
        local.nudge(_local)


def _send(message: dict) -> None:
    """Publish one message; outside a server, wait (bounded) until every process that heard it acted."""
    ack = f"{CHANNEL}:ack:{secrets.token_hex(8)}" if not _serving else None
    heard = _redis.publish(CHANNEL, json.dumps({**message, "ack": ack} if ack else message))
    if ack is None:
        return
    deadline = time.monotonic() + CONFIRM_SECONDS
    for _ in range(heard):
        left = deadline - time.monotonic()
        if left <= 0 or _redis.blpop([ack], timeout=left) is None:
            log.warning("a server did not confirm a revocation within %ss; its periodic check will", CONFIRM_SECONDS)
            break
    _redis.delete(ack)


def apply(message: dict) -> None:
    """Act on one control message for the sockets of this process."""
    kind = message.get("kind")
    for conn in list(registry.values()):
        if kind == "member_removed" and conn.user_id == message["user"]:
            for initiative, (engagement, _side) in list(conn.boards.items()):
                if engagement == message["engagement"]:
                    socketio.server.leave_room(conn.sid, room(initiative), namespace="/")
                    left_board(conn, initiative)
                    socketio.emit("revoked", {"initiative": initiative, "reason": "removed from the engagement"},
                                  to=conn.sid)
        elif (kind == "session_ended" and conn.auth_session == message["auth_session"]) or (
                kind == "user_disabled" and conn.user_id == message["user"]):
            conn.revoked = True
            socketio.emit("revoked", {"reason": "signed out" if kind == "session_ended" else "account disabled"},
                          to=conn.sid)
            socketio.server.disconnect(conn.sid, namespace="/")


def _listen(redis_url: str) -> None:
    """Apply control messages from other processes; reconnect when Redis restarts."""
    import redis

    while True:
        try:
            pubsub = redis.Redis.from_url(redis_url).pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(CHANNEL)
            confirm = redis.Redis.from_url(redis_url)
            for item in pubsub.listen():
                message: dict = {}
                try:
                    message = json.loads(item["data"])
                    apply(message)
                except Exception:
                    log.exception("bad control message")
                finally:
                    if isinstance(message, dict) and message.get("ack"):  # a command waits for every process's word
                        confirm.rpush(message["ack"], 1)
                        confirm.expire(message["ack"], 10)
        except Exception:
            log.warning("control channel lost; retrying", exc_info=True)
        socketio.sleep(1)
