"""board/infra/fanout.py: which path runs under the pinned releases, and order on the wire, on both paths."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from importlib import metadata
from pathlib import Path

import pytest
import websocket

from board import create_app
from board.config import Settings
from board.infra import fanout
from tests.realtime.harness import free_port

ROOT = Path(__file__).resolve().parents[2]


def _path(tmp_path, async_mode: str, mode: str = "shared-frame") -> fanout.FanoutPath:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'board.db'}", secret_key="test", instance_dir=tmp_path,
                        async_mode=async_mode, fanout=mode)
    return create_app(settings).extensions["board_fanout"]


def test_the_pinned_releases_are_the_checked_ones():
    """requirements.lock and CHECKED agree: refreshing the lock past them fails here until re-checked."""
    lock = dict(line.split("==") for line in (ROOT / "requirements.lock").read_text().splitlines()
                if line and not line.startswith("#"))
    for dist, checked in fanout.CHECKED.items():
        assert lock[dist] in checked, (dist, lock[dist], checked)
        assert metadata.version(dist) == lock[dist], f"{dist}: installed {metadata.version(dist)}, locked {lock[dist]}"


@pytest.mark.parametrize("async_mode, expected", [
    ("eventlet", "shared-frame"), ("gevent", "whole-frames"), ("threading", "whole-frames")])
def test_the_default_path_under_the_pinned_releases(tmp_path, async_mode, expected):
    assert _path(tmp_path, async_mode).name == expected


@pytest.mark.parametrize("async_mode", ["eventlet", "gevent", "threading"])
def test_board_fanout_library_leaves_the_library_sends_alone(tmp_path, async_mode):
    path = _path(tmp_path, async_mode, "library")
    assert (path.name, path.reason) == ("library", "BOARD_FANOUT=library")


def test_an_unchecked_release_gets_the_library_path_and_says_which(tmp_path, monkeypatch, caplog):
    monkeypatch.setitem(fanout.CHECKED, "eventlet", ("0.0.1",))  # as if eventlet had moved past what was read
    path = _path(tmp_path, "eventlet")
    assert path.name == "library"
    assert f"eventlet {metadata.version('eventlet')} (checked: 0.0.1)" in path.reason
    assert any(r.levelname == "WARNING" and "fan-out: library" in r.getMessage() for r in caplog.records)


def test_a_bad_board_fanout_is_refused_naming_the_setting(monkeypatch, tmp_path):
    monkeypatch.setenv("BOARD_FANOUT", "fast")
    monkeypatch.setenv("BOARD_INSTANCE_DIR", str(tmp_path))
    with pytest.raises(ValueError, match="BOARD_FANOUT must be one of shared-frame, library"):
        Settings.from_env()


class Watcher:
    """A raw Engine.IO 4 / Socket.IO 5 client with a small receive buffer, reading on demand."""

    def __init__(self, port: int, rcvbuf: int = 4096):
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket",
                                              timeout=20, sockopt=((socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf),))
        assert self.ws.recv().startswith("0")
        self.ws.send("40")
        assert self.ws.recv().startswith("40")
        self.seen: list[int] = []
        self.acks: dict[int, object] = {}

    def call(self, event: str, data=None, ack_id: int = 1):
        self.ws.send(f"42{ack_id}" + json.dumps([event] if data is None else [event, data]))
        while ack_id not in self.acks:
            self.read()
        return self.acks.pop(ack_id)

    def read(self) -> None:
        frame = self.ws.recv()
        if frame == "2":
            self.ws.send("3")
        elif frame.startswith('42["seq",'):
            self.seen.append(json.loads(frame[2:])[1]["n"])
        elif frame.startswith("43"):
            head, _, body = frame[2:].partition("[")
            self.acks[int(head)] = json.loads("[" + body)[0]

    def read_until(self, last: int) -> list[int]:
        while not self.seen or self.seen[-1] < last:
            self.read()
        return self.seen


@pytest.fixture
def fanout_server():
    started = []

    def start(mode: str) -> int:
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "tests.infra.fanout_server", mode, str(port)], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started.append(proc)
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return port
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the fan-out server did not listen")

    yield start
    for proc in started:
        proc.kill()
        proc.wait(10)


@pytest.mark.parametrize("mode", ["shared-frame", "library"])
def test_every_socket_gets_every_frame_in_order_through_partial_writes_and_a_dead_peer(fanout_server, mode):
    port = fanout_server(mode)
    reader = Watcher(port, rcvbuf=1 << 20)
    stalled = Watcher(port)  # reads nothing while the frames go out: the kernel soon takes only parts
    dying = Watcher(port)
    writer = Watcher(port)
    count, size = 120, 20_000
    reading = threading.Thread(target=reader.read_until, args=(count - 1,), daemon=True)
    reading.start()

    def die_midway():
        dying.read_until(5)
        dying.ws.sock.shutdown(socket.SHUT_RDWR)  # gone mid-stream, unread frames and all
        dying.ws.sock.close()

    killer = threading.Thread(target=die_midway, daemon=True)
    killer.start()
    assert writer.call("blast", {"count": count, "size": size}) == {"sent": count}
    killer.join(20)
    reading.join(30)
    assert reader.seen == list(range(count))
    assert stalled.read_until(count - 1) == list(range(count))  # whole frames, in order, none dropped
    stats = writer.call("stats", ack_id=2)
    assert stats["path"] == mode
    if mode == "shared-frame":
        assert stats["partial_writes"] > 0  # the partly written frames were finished before the next
