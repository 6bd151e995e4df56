"""Security headers on every answer, and the session cookie's ``Secure`` flag by how the request came.

- The web app: a Content-Security-Policy with no inline script (the built app needs none) and no
  framing; the API (JSON, photos, files): ``default-src 'none'``; the server-rendered reports keep their
  own stricter page policy (``board.api.reports``), with ``frame-ancestors 'none'`` too.
- Everywhere: ``X-Content-Type-Options: nosniff``, ``Referrer-Policy``, ``X-Frame-Options: DENY``, and
  HSTS once the board is served over HTTPS (``BOARD_COOKIE_SECURE=1``).
- Behind a reverse proxy, ``BOARD_PROXY_HOPS=1`` trusts one proxy's ``X-Forwarded-For/-Proto/-Host``
  (werkzeug's ``ProxyFix``): client addresses (rate limits) and HTTPS are then read from it.
"""
from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from .api import PREFIX

APP_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
              "connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; "
              "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HSTS = "max-age=31536000; includeSubDomains"
COMMON = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin",
          "X-Frame-Options": "DENY", "Cross-Origin-Opener-Policy": "same-origin"}


class SessionInterface(SecureCookieSessionInterface):
    """The session cookie is ``Secure`` when configured so, and whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def install(app: Flask, *, https: bool, proxy_hops: int) -> None:
    """Add the headers to every answer; trust ``proxy_hops`` reverse proxies' forwarded headers."""
    if proxy_hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxy_hops, x_proto=proxy_hops, x_host=proxy_hops)
    app.session_interface = SessionInterface()

    @app.after_request
    def _headers(response: Response) -> Response:
        for name, value in COMMON.items():
            response.headers.setdefault(name, value)
        policy = API_POLICY if request.path.startswith(PREFIX) else APP_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        if https or request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response
