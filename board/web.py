"""Serves the built web app (``board/static``) and its client-side routes."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory

STATIC = Path(__file__).parent / "static"
web = Blueprint("web", __name__)


@web.get("/", defaults={"path": ""})
@web.get("/<path:path>")
def app_shell(path: str):
    """A built file if it exists, else ``index.html`` so client-side routes work on reload."""
    if path.startswith("api/") or path.startswith("socket.io"):
        abort(404)
    if path and (STATIC / path).is_file():
        return send_from_directory(STATIC, path)
    if (STATIC / "index.html").is_file():
        return send_from_directory(STATIC, "index.html")
    return (
        "<!doctype html><title>Co-Learning Board</title><h1>Co-Learning Board</h1>"
        "<p>The web app is not built yet. The REST API is at <a href='/api/v1/openapi.json'>/api/v1</a>.</p>"
    )
