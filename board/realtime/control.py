"""Revocations that must reach live sockets at once, on every process.

After a commit that removes a member, ends a sign-in or disables a user, the unit of work's
publisher sends a control message; each process applies it to its own sockets (through Redis pub/sub when processes
share a message queue, directly otherwise).
"""
from __future__ import annotations

import json
import logging

from ..extensions import socketio
from .boards import left_board
from .broadcaster import room
from .connections import registry

CHANNEL = "board:control"
log = logging.getLogger(__name__)
_redis = None


def configure(redis_url: str | None) -> None:
    """Use Redis pub/sub between processes when ``redis_url`` is set."""
    global _redis
    if redis_url:
        import redis

        _redis = redis.Redis.from_url(redis_url)
        socketio.start_background_task(_listen, redis_url)
    else:
        _redis = None


def publish(messages: list[dict]) -> None:
    """Send control messages to every process (this one included)."""
    for message in messages:
        if _redis is not None:
            try:
                _redis.publish(CHANNEL, json.dumps(message))
                continue
            except Exception:  # Redis down: at least this process acts at once
                log.exception("control publish failed; applying locally")
        apply(message)


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
            for item in pubsub.listen():
                try:
                    apply(json.loads(item["data"]))
                except Exception:
                    log.exception("bad control message")
        except Exception:
            log.warning("control channel lost; retrying", exc_info=True)
        socketio.sleep(1)
