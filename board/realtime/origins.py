"""Which browser origins may open a socket: the server's own, plus ``BOARD_ALLOWED_ORIGINS``."""
from __future__ import annotations

from typing import Callable


def own_origins(environ: dict) -> set[str]:
    """The origin(s) this request was addressed to, as the browser sees it."""
    host = environ.get("HTTP_HOST")
    if not host:
        return set()
    scheme = environ.get("wsgi.url_scheme", "http")
    origins = {f"{scheme}://{host}"}
    forwarded_host = environ.get("HTTP_X_FORWARDED_HOST", host).split(",")[0].strip()
    forwarded_proto = environ.get("HTTP_X_FORWARDED_PROTO", scheme).split(",")[0].strip()
    origins.add(f"{forwarded_proto}://{forwarded_host}")
    return origins


def origin_checker(allowed: tuple[str, ...]) -> Callable[[str | None, dict], bool]:
    """A check for python-engineio: same origin or listed; never a wildcard."""
    listed = {o.rstrip("/") for o in allowed if o and o != "*"}

    def check(origin: str | None, environ: dict | None = None) -> bool:
        if origin is None:  # not a browser: authentication alone decides
            return True
        own = own_origins(environ or {})
        # a browser sends one origin; some clients join theirs with a custom one: all must be allowed
        return all(o.strip().rstrip("/") in listed | own for o in origin.split(","))

    return check
