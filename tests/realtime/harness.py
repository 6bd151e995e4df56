"""Real server processes and real Socket.IO clients for the realtime tests."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import socketio


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``board serve`` in a child process."""

    def __init__(self, database_url: str, instance_dir: Path, mode: str = "eventlet", redis_url: str | None = None,
                 port: int | None = None, **env):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "BOARD_DATABASE_URL": database_url, "BOARD_INSTANCE_DIR": str(instance_dir),
                    "BOARD_ASYNC_MODE": mode, "BOARD_SECRET_KEY": "test-secret", **env}
        self.env.pop("BOARD_REDIS_URL", None)
        if redis_url:
            self.env["BOARD_REDIS_URL"] = redis_url
        self.log = instance_dir / f"server-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> "Server":
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([sys.executable, "-m", "board.cli", "serve", "--port", str(self.port)],
                                         env=self.env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                if requests.get(f"{self.url}/api/v1/openapi.json", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        self.kill()  # never leave a half-started server behind
        raise RuntimeError(f"server did not start: {self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no clean-up, like a crash."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self) -> "Server":
        """Stop and start again on the same port and database (clients reconnect to the same address)."""
        self.stop()
        return self.start()


class Rest:
    """``requests`` against a server's REST API with a bearer token."""

    def __init__(self, base: str, token: str):
        self.base, self.headers = base, {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, json=None, expect: int | None = None):
        r = requests.request(method, f"{self.base}/api/v1{path}", json=json, headers=self.headers, timeout=30)
        if expect is not None:
            assert r.status_code == expect, f"{method} {path}: {r.status_code} {r.text[:500]}"
        return r.json() if r.content else None


class BoardClient:
    """A Socket.IO client that keeps a board's cards in step with the event log, like the web app.

    Applies events in ``seq`` order; on a gap, or a ``sync`` tick ahead of it, it re-joins with
    ``since`` to replay what it missed.
    """

    def __init__(self, url: str, token: str | None = None, headers: dict | None = None):
        self.url, self.token, self.extra_headers = url, token, headers or {}
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1)
        self.events: list[dict] = []
        self.presence: list[dict] = []
        self.revoked: list[dict] = []
        self.acks: list[dict] = []  # every join answer, in order (events or snapshot)
        self.syncs: list[dict] = []  # every ``sync`` tick received
        self.connects = 0  # connections made, reconnects included
        self.cards: dict[str, dict] = {}
        self.seq = 0
        self.initiative: str | None = None
        self.lock = threading.RLock()
        self.sio.on("event", self._on_event)
        self.sio.on("presence", lambda m: setattr(self, "presence", m["members"]))
        self.sio.on("revoked", lambda m: self.revoked.append(m))
        self.notifications: list[dict] = []
        self.sio.on("notification", lambda m: self.notifications.append(m))
        self.sio.on("sync", self._on_sync)
        self.sio.on("connect", self._on_connect)
        self.private: list[dict] = []  # ``board:private``: events of one's own cards still private (reflect)
        self.sio.on("board:private", self._on_private)
        self.waiting: list[dict] = []  # ``workshop:waiting``: a facilitator's count of private cards
        self.sio.on("workshop:waiting", lambda m: self.waiting.append(m))

    def connect(self, **kw) -> "BoardClient":
        self.sio.connect(self.url, auth={"token": self.token} if self.token else None, headers=self.extra_headers,
                         transports=["websocket"], wait_timeout=10, **kw)
        return self

    def _on_connect(self):
        self.connects += 1
        if self.initiative:  # a reconnect: catch up from where we were
            threading.Thread(target=self.rejoin, daemon=True).start()

    def join(self, initiative: str, since: int | None = None) -> dict:
        self.initiative = initiative
        ack = self.sio.call("join", {"initiative": initiative, "since": since}, timeout=15)
        self.acks.append(ack)
        if "error" not in ack:
            self._apply_ack(ack)
        return ack

    def rejoin(self) -> None:
        with self.lock:
            if self.initiative:
                self.join(self.initiative, self.seq)

    def _apply_ack(self, ack: dict) -> None:
        with self.lock:
            if "snapshot" in ack:
                self.cards = {c["id"]: c for c in ack["snapshot"]["cards"]}
                self.seq = ack["seq"]
            for event in ack.get("events", []):
                self._apply(event)

    def _apply(self, event: dict) -> None:
        if event["seq"] <= self.seq:
            return
        if event["seq"] > self.seq + 1:
            raise GapError(event["seq"])
        self._apply_card(event)
        self.seq = event["seq"]

    def _apply_card(self, event: dict) -> None:
        data = event["data"]
        if event["type"] in ("card.created", "card.updated", "card.restored"):
            self.cards[data["id"]] = {k: v for k, v in data.items() if k != "changed"}
        elif event["type"] == "card.deleted":
            self.cards.pop(data["id"], None)
        elif event["type"] == "cards.revealed":
            self.cards.update({c["id"]: c for c in data["cards"]})

    def _on_private(self, event: dict) -> None:
        with self.lock:
            self.private.append(event)
            if event["initiative"] == self.initiative:
                self._apply_card(event)

    def _on_event(self, event: dict) -> None:
        with self.lock:
            self.events.append(event)
            if event["initiative"] != self.initiative:
                return
            try:
                self._apply(event)
            except GapError:
                threading.Thread(target=self.rejoin, daemon=True).start()

    def _on_sync(self, message: dict) -> None:
        self.syncs.append(message)
        if message.get("initiative") == self.initiative and message.get("seq", 0) > self.seq:
            threading.Thread(target=self.rejoin, daemon=True).start()

    def live_seqs(self) -> list[int]:
        """The ``seq`` of every event of the joined board that arrived as a live ``event`` (not a replay)."""
        with self.lock:
            return [e["seq"] for e in self.events if e["initiative"] == self.initiative]

    def call(self, event: str, payload: dict, timeout: float = 15):
        return self.sio.call(event, payload, timeout=timeout)

    def wait_for(self, predicate, timeout: float = 10, what: str = "condition"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if predicate(self):
                    return
            time.sleep(0.02)
        raise AssertionError(f"timed out waiting for {what}; seq={self.seq} events={[e['seq'] for e in self.events][-10:]}")

    def close(self) -> None:
        try:
            self.sio.disconnect()
        except Exception:
            pass


class GapError(Exception):
    """An event arrived ahead of the next expected ``seq``."""


def card_state(rest: Rest, initiative: str) -> dict[str, dict]:
    """The board's cards as the database has them, keyed by id."""
    return {c["id"]: c for c in rest.call("GET", f"/initiatives/{initiative}/cards", expect=200)}


def all_at_once(write, writers) -> None:
    """Run ``write(writer, name)`` for every writer in a thread of its own and wait for all of them;
    a writer's failure is raised here."""
    with ThreadPoolExecutor(len(writers)) as pool:
        for done in [pool.submit(write, w, f"w{i}") for i, w in enumerate(writers)]:
            done.result(timeout=120)


def initiative_seq(rest: Rest, initiative: str) -> int:
    """The initiative's latest ``seq`` as the database has it."""
    return rest.call("GET", f"/initiatives/{initiative}", expect=200)["seq"]


def event_seqs(rest: Rest, initiative: str) -> list[int]:
    """Every ``seq`` in the initiative's event log, in order (pages of 1000)."""
    seqs: list[int] = []
    while True:
        page = rest.call("GET", f"/initiatives/{initiative}/events?after={seqs[-1] if seqs else 0}&limit=1000",
                         expect=200)
        seqs += [e["seq"] for e in page]
        if len(page) < 1000:
            return seqs


def wait_until(predicate, timeout: float = 10, what: str = "condition", interval: float = 0.05):
    """Poll ``predicate`` until true or fail after ``timeout`` seconds; returns the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")
