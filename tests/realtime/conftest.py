"""Fixtures for realtime tests: real servers over the test database, clients, Redis."""
from __future__ import annotations

import shutil
import subprocess
import time

import pytest
import redis as redis_lib

from tests.realtime.harness import BoardClient, Rest, Server, free_port
from tests.support.api import token_of
from tests.support.services import missing_service

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture(params=["eventlet", "gevent"])
def async_mode(request) -> str:
    """Each realtime test that asks for it runs on both green-thread servers."""
    return request.param


@pytest.fixture
def servers(database_url, tmp_path):
    """Start ``board serve`` processes on the test database; all are killed afterwards."""
    started: list[Server] = []

    def start(mode: str = "eventlet", redis_url: str | None = None, **env) -> Server:
        server = Server(database_url, tmp_path, mode=mode, redis_url=redis_url, **env).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.kill()


@pytest.fixture
def clients():
    """Socket.IO clients, closed afterwards."""
    made: list[BoardClient] = []

    def make(url: str, token: str | None = None, **kw) -> BoardClient:
        client = BoardClient(url, token, **kw)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def rest_for():
    """A REST helper against a server for a persona of the world."""
    return lambda server, api_client: Rest(server.url, token_of(api_client))


@pytest.fixture
def redis_url():
    """The machine's Redis, or skip (fail under BOARD_REQUIRE_SERVICES)."""
    try:
        redis_lib.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis_lib.RedisError as exc:
        missing_service("Redis", str(exc))
    return REDIS_URL


@pytest.fixture
def own_redis(tmp_path):
    """A redis-server of this test's own, which the test may restart."""
    binary = shutil.which("redis-server")
    if not binary:
        missing_service("redis-server", "binary not on PATH")
    port = free_port()

    class OwnRedis:
        url = f"redis://127.0.0.1:{port}/0"
        proc: subprocess.Popen | None = None

        def start(self):
            self.proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                          "--appendonly", "no", "--dir", str(tmp_path)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                try:
                    redis_lib.Redis.from_url(self.url).ping()
                    return self
                except redis_lib.RedisError:
                    time.sleep(0.05)
            raise RuntimeError("redis-server did not start")

        def stop(self):
            if self.proc:
                self.proc.kill()
                self.proc.wait(5)

    r = OwnRedis().start()
    yield r
    r.stop()
