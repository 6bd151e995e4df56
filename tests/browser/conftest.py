"""Fixtures for browser tests: the built web app served by a real ``board serve``, driven by Chromium.

Chromium is Debian's (``/usr/bin/chromium``, installed by ``make test`` when missing and allowed);
Playwright only drives it — ``playwright install`` is never needed. These tests run on SQLite only.
"""
from __future__ import annotations

import shutil

import pytest
from argon2 import PasswordHasher

from board import seeding, uow
from board.services import accounts
from tests.realtime.harness import Server
from tests.support.api import PASSWORD
from tests.support.browser import CHROMIUM_ARGS, STATIC, Api, Browsers, chromium_path
from tests.support.services import missing_service


@pytest.fixture
def database_url(tmp_path, sqlite_template) -> str:
    """Browser tests run on SQLite only (the backends are covered by the API and realtime suites)."""
    path = tmp_path / "board.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (per xdist worker)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        missing_service("Playwright for Python", str(exc))
    executable = chromium_path()
    if not executable:
        missing_service("Chromium", "no /usr/bin/chromium; `apt-get install chromium` (make test does it as root)")
    if not (STATIC / "index.html").is_file():
        missing_service("The built web app", "board/static/index.html is missing; run `make frontend`")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def server(database_url, tmp_path):
    """A real ``board serve`` (eventlet) on the test database; killed afterwards."""
    s = Server(database_url, tmp_path, mode="eventlet").start()
    yield s
    s.kill()


@pytest.fixture
def browsers(browser, server):
    b = Browsers(browser, server)
    yield b
    b.close()


@pytest.fixture
def api(server):
    """``api(email)``: a REST client for that person against the live server."""
    return lambda email, password=PASSWORD: Api(server, email, password)


@pytest.fixture
def demo(app, monkeypatch):
    """The demo seed (seeds/demo.yaml) in the test database; cheap password hashes keep it fast."""
    monkeypatch.setattr(accounts, "hash_password", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash)
    with app.app_context():
        assert seeding.load_demo()
        uow.commit()
    spec = seeding.read_seed()
    first = spec["engagements"][0]
    members = first["members"]
    who = lambda key: spec["people"][key]["email"]  # noqa: E731
    return {
        "password": spec["password"],
        "buyer": who(first["by"]),
        "provider": who(next(m["who"] for m in members if m["side"] == "provider")),
        "provider2": who([m["who"] for m in members if m["side"] == "provider"][1]),
        "sponsor": who(next(m["who"] for m in members if "sponsor" in m.get("roles", []))),
        "initiative_title": first["initiatives"][0]["title"],
    }
