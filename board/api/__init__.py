"""REST API v1: thin adapters (validate → one service call → dump) under ``/api/v1``.

``board.api.mount`` mounts the resource modules; ``board.api.transaction`` ends each request's unit
of work. This package's ``__init__`` holds only what every resource module shares.
"""
from __future__ import annotations

from .. import extensions  # noqa: F401 - before any blueprint is declared (see extensions.py)

PREFIX = "/api/v1"
NO_CSRF = {f"{PREFIX}/auth/login", f"{PREFIX}/auth/token", f"{PREFIX}/auth/password-reset",
           f"{PREFIX}/auth/password-reset/confirm"}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
