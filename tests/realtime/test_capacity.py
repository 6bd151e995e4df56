"""One ``board serve`` holds more connections at once than eventlet's default pool (1,024)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from tests.realtime.harness import Server

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # a server limit, not a database one
REQUEST = b"GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"


def test_more_than_1024_kept_alive_connections_are_all_answered(database_url, tmp_path):
    """1,100 connections each send a request and stay open: every one is answered (a 401 JSON error).

    With eventlet's default pool the 1,025th connection would not be served until another closed."""
    server = Server(database_url, tmp_path, mode="eventlet").start()
    socks: list[socket.socket] = []
    try:
        for _ in range(1100):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=20)
            s.sendall(REQUEST)
            socks.append(s)
        deadline = time.monotonic() + 30
        answered = 0
        for s in socks:
            s.settimeout(max(0.1, deadline - time.monotonic()))
            head = s.recv(64)
            assert head.startswith(b"HTTP/1.1 401"), head
            answered += 1
        assert answered == 1100
    finally:
        for s in socks:
            s.close()
        server.kill()


def test_a_bad_connection_limit_is_refused_by_name(database_url, tmp_path):
    env = {"BOARD_DATABASE_URL": database_url, "BOARD_INSTANCE_DIR": str(tmp_path), "BOARD_MAX_CONNECTIONS": "lots",
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "board.cli", "serve", "--port", "0"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "BOARD_MAX_CONNECTIONS must be a whole number of at least 1, not 'lots'" in result.stderr
    assert "Traceback" not in result.stderr
