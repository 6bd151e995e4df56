"""Which boards this process's sockets watch, and the coalesced presence broadcast of each board.

Both the socket handlers (join, leave, disconnect) and the control channel (a member removed)
change what a socket watches, through ``watch`` and ``left_board``.
"""
from __future__ import annotations

import logging

from ..extensions import socketio
from . import presence as presence_mod
from .broadcaster import room
from .connections import Connection, registry

log = logging.getLogger(__name__)
PRESENCE_COALESCE = 0.1  # seconds: presence changes on a board within this window go out as one broadcast
presence: presence_mod.LocalPresence | presence_mod.RedisPresence = presence_mod.LocalPresence()
_presence_due: set[str] = set()  # boards whose presence broadcast is already scheduled


def _who(conn: Connection, side: str) -> dict:
    return {"id": conn.user_id, "name": conn.name, "side": side}


def watch(conn: Connection, initiative: str, engagement: str, side: str) -> None:
    """The socket now watches ``initiative`` (of ``engagement``, on ``side``): it is present there."""
    conn.boards[initiative] = (engagement, side)
    presence.add(initiative, conn.sid, _who(conn, side))
    _emit_presence(initiative)


def left_board(conn: Connection, initiative: str) -> None:
    """The socket no longer watches ``initiative``."""
    conn.boards.pop(initiative, None)
    presence.remove(initiative, conn.sid)
    _emit_presence(initiative)


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


def start(redis_url: str | None) -> None:
    """Keep presence in Redis (shared by processes, with a heartbeat) when ``redis_url`` is set."""
    global presence
    if not redis_url:
        presence = presence_mod.LocalPresence()
        return
    presence = presence_mod.RedisPresence(redis_url)

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
