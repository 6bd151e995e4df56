"""Serves the built web app (``board/static``, built from ``frontend/``) and its client-side routes."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory

STATIC = Path(__file__).parent / "static"
web = Blueprint("web", __name__)
YEAR = 365 * 24 * 3600


@web.get("/", defaults={"path": ""})
@web.get("/<path:path>")
def app_shell(path: str):
    """A built file if it exists, else ``index.html`` so client-side routes work on reload."""
    if path.startswith("api/") or path.startswith("socket.io"):
        abort(404)
    if path and (STATIC / path).is_file():
        # Vite names built assets by content hash: they never change, so browsers may keep them
        response = send_from_directory(STATIC, path, max_age=YEAR if path.startswith("assets/") else None)
        if path.startswith("assets/"):
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
        else:
            # the service worker (sw.js), its manifest and icons: asked again each time, so a new build arrives
            response.headers["Cache-Control"] = "no-cache"
        return response
    if path.startswith("assets/"):
        abort(404)  # a missing asset is not an app route
    if (STATIC / "index.html").is_file():
        response = send_from_directory(STATIC, "index.html")
        response.headers["Cache-Control"] = "no-cache"  # always the index of the current build
        return response
    return (
        "<!doctype html><title>Co-Learning Board</title><h1>Co-Learning Board</h1>"
        "<p>The web app is not built yet (run <code>make frontend</code>). "
        "The REST API is at <a href='/api/v1/openapi.json'>/api/v1</a>.</p>"
    )
