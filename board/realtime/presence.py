"""Who is on each board: in memory for one process, in Redis when processes share a message queue."""
from __future__ import annotations

import functools
import json
import logging
import os
import uuid

log = logging.getLogger(__name__)

PROCESS = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
HEARTBEAT_SECONDS = 5
PROCESS_TTL = 15


class LocalPresence:
    """Presence of one process."""

    def __init__(self) -> None:
        self.boards: dict[str, dict[str, dict]] = {}

    def add(self, initiative: str, sid: str, who: dict) -> None:
        self.boards.setdefault(initiative, {})[sid] = who

    def remove(self, initiative: str, sid: str) -> None:
        self.boards.get(initiative, {}).pop(sid, None)

    def entries(self, initiative: str) -> list[dict]:
        return list(self.boards.get(initiative, {}).values())

    def heartbeat(self) -> None:
        """Nothing to refresh in memory."""


def _tolerant(default):
    """Presence is best effort: while Redis is away, boards keep working without it."""

    def wrap(method):
        @functools.wraps(method)
        def safe(self, *args):
            try:
                return method(self, *args)
            except Exception:
                log.warning("presence unavailable (%s)", method.__name__, exc_info=True)
                return default

        return safe

    return wrap


class RedisPresence:
    """Presence shared by every process; a dead process's entries expire with its heartbeat."""

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)

    def _key(self, initiative: str) -> str:
        return f"board:presence:{initiative}"

    @_tolerant(None)
    def add(self, initiative: str, sid: str, who: dict) -> None:
        self.redis.hset(self._key(initiative), f"{PROCESS}|{sid}", json.dumps(who))

    @_tolerant(None)
    def remove(self, initiative: str, sid: str) -> None:
        self.redis.hdel(self._key(initiative), f"{PROCESS}|{sid}")

    @_tolerant([])
    def entries(self, initiative: str) -> list[dict]:
        raw = self.redis.hgetall(self._key(initiative))
        procs = sorted({k.decode().split("|", 1)[0] for k in raw})
        alive = {p for p, ok in zip(procs, self.redis.mget([f"board:proc:{p}" for p in procs]) if procs else []) if ok}
        return [json.loads(v) for k, v in raw.items() if k.decode().split("|", 1)[0] in alive]

    def heartbeat(self) -> None:
        self.redis.set(f"board:proc:{PROCESS}", "1", ex=PROCESS_TTL)


def summarise(entries: list[dict]) -> list[dict]:
    """One entry per person (several tabs count once), buyer side first, then by name."""
    people: dict[str, dict] = {}
    for who in entries:
        people.setdefault(who["id"], {**who, "connections": 0})["connections"] += 1
    return sorted(people.values(), key=lambda p: (p["side"] != "buyer", p["name"]))
