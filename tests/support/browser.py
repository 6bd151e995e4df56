"""Browser tests' setup: where things are, Chromium, signed-in pages and REST calls to the live server."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import requests

from tests.realtime.harness import Server
from tests.support.api import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "board" / "static"
# ``make screenshots`` refreshes the README's pictures; ``make test`` keeps its own out of the tree
SCREENSHOTS = ROOT / ("docs/screenshots" if os.environ.get("BOARD_UPDATE_SCREENSHOTS") == "1" else "build/screenshots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 820, "height": 1180}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("BOARD_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


class Browsers:
    """Browser contexts (one per person), each signed in through the API like the web app does."""

    def __init__(self, browser, server: Server):
        self.browser, self.server, self.contexts = browser, server, []

    def page(self, email: str | None = None, password: str = PASSWORD, viewport=DESKTOP, locale: str | None = None):
        """A signed-in page; ``locale`` (e.g. ``de-DE``) is the browser's language, as Intl sees it."""
        context = self.browser.new_context(viewport=viewport, base_url=self.server.url, reduced_motion="reduce",
                                           **({"locale": locale} if locale else {}))
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))
        # what the Content-Security-Policy refused is an error too (the console is where Chromium says it)
        page.on("console", lambda m: page.errors.append(m.text) if "Content Security Policy" in m.text else None)
        if email:
            r = context.request.post("/api/v1/auth/login", data={"email": email, "password": password})
            assert r.ok, r.text()
        return page

    def close(self):
        for c in self.contexts:
            c.close()


def screenshot(page, name: str) -> None:
    """What the test sees, as a picture (docs/screenshots with ``make screenshots``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def page_width(page) -> int:
    """How wide the page is laid out: more than the viewport means it scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


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
