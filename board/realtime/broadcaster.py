"""``publish(messages)``: send committed events to their initiative's room (Redis between processes)."""
from __future__ import annotations

from ..db import jsonable
from ..extensions import socketio


def room(initiative_id: str) -> str:
    """The Socket.IO room of an initiative's board."""
    return f"initiative:{initiative_id}"


# initiative -> seq of the latest event this process broadcast since the last sync tick (see handlers)
published: dict[str, int] = {}


def publish(messages: list[dict]) -> None:
    """Emit each event to its initiative's room, in order."""
    if getattr(socketio, "server", None) is None:
        return
    for message in messages:
        socketio.emit("event", message, to=room(message["initiative"]))
        if message.get("seq") is not None:
            published[message["initiative"]] = message["seq"]


def notify(user_id: str, payload: dict) -> None:
    """Send one person's notification to every socket they have open."""
    to_user(user_id, "notification", payload)


def to_user(user_id: str, name: str, payload: dict) -> None:
    """Send one message to every socket one person has open."""
    if getattr(socketio, "server", None) is None:
        return
    socketio.emit(name, jsonable(payload), to=f"user:{user_id}")
