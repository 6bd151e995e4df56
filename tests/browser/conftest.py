"""Fixtures for browser tests: the built web app served by a real ``board serve``, driven by Chromium.

Chromium is Debian's (``/usr/bin/chromium``, installed by ``make test`` when missing and allowed);
Playwright only drives it — ``playwright install`` is never needed. These tests run on SQLite only.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import requests

from tests.conftest import PASSWORD, missing_service
from tests.realtime.harness import Server

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "board" / "static"
# ``make screenshots`` refreshes the README's pictures; ``make test`` keeps its own out of the tree
SCREENSHOTS = ROOT / ("docs/screenshots" if os.environ.get("BOARD_UPDATE_SCREENSHOTS") == "1" else "build/screenshots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 820, "height": 1180}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("BOARD_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


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


class Browsers:
    """Browser contexts (one per person), each signed in through the API like the web app does."""

    def __init__(self, browser, server: Server):
        self.browser, self.server, self.contexts = browser, server, []

    def page(self, email: str | None = None, password: str = PASSWORD, viewport=DESKTOP):
        context = self.browser.new_context(viewport=viewport, base_url=self.server.url, reduced_motion="reduce")
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        if email:
            r = context.request.post("/api/v1/auth/login", data={"email": email, "password": password})
            assert r.ok, r.text()
        return page

    def close(self):
        for c in self.contexts:
            c.close()


@pytest.fixture
def browsers(browser, server):
    b = Browsers(browser, server)
    yield b
    b.close()


def screenshot(page, name: str) -> None:
    """What the test sees, as a picture (docs/screenshots with ``make screenshots``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


class Api:
    """REST calls to the live server with a personal access token (no CSRF)."""

    def __init__(self, server: Server, email: str, password: str = PASSWORD):
        self.base = f"{server.url}/api/v1"
        r = requests.post(f"{self.base}/auth/token", json={"email": email, "password": password}, timeout=10)
        assert r.status_code == 201, r.text
        self.headers = {"Authorization": f"Bearer {r.json()['token']}"}

    def __call__(self, method: str, path: str, json=None, expect: int | None = None):
        r = requests.request(method, f"{self.base}{path}", json=json, headers=self.headers, timeout=10)
        if expect is not None:
            assert r.status_code == expect, f"{method} {path}: {r.status_code} {r.text[:400]}"
        return r.json() if r.content else None


@pytest.fixture
def api(server):
    """``api(email)``: a REST client for that person against the live server."""
    return lambda email, password=PASSWORD: Api(server, email, password)
