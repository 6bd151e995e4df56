"""Security headers on the app shell, its routes, the API and the reports; Secure cookies and HSTS over HTTPS."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from board.app import create_app
from board.web import STATIC
from tests.support.api import PASSWORD


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy as {directive: sources}."""
    return {d.split()[0]: " ".join(d.split()[1:]) for d in response.headers["Content-Security-Policy"].split(";") if d.strip()}


def common(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("path", ["/", "/i/some-initiative", "/e/x/review", "/sw.js"])
def test_the_app_shell_and_its_routes_allow_no_inline_script_and_no_framing(app, path):
    r = app.test_client().get(path)
    assert r.status_code == 200
    common(r)
    csp = policy(r)
    assert csp["script-src"] == "'self'" and "unsafe" not in r.headers["Content-Security-Policy"]
    assert csp["object-src"] == "'none'" and csp["default-src"] == "'self'"
    assert "Strict-Transport-Security" not in r.headers  # plain HTTP: no HSTS


def test_the_built_app_has_no_inline_script():
    if not (STATIC / "index.html").is_file():
        pytest.skip("the web app is not built (make frontend)")
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S)
    assert scripts and all(body.strip() == "" for body in scripts)  # each loads a file, none runs inline
    assert re.search(r"<[^>]*\son[a-z]+\s*=", html, flags=re.I) is None  # no inline event handlers either


def test_the_api_answers_carry_the_headers_too(app, world):
    for response in (app.test_client().get("/api/v1/me"), world.viewer.get("/api/v1/me"),
                     world.viewer.get(f"/api/v1/initiatives/{world.initiative}/export.csv")):
        common(response)
        assert policy(response)["default-src"] == "'none'"


def test_the_printable_report_keeps_its_own_stricter_policy(world):
    r = world.viewer.get(f"/api/v1/initiatives/{world.initiative}/report")
    common(r)
    assert policy(r)["default-src"] == "'none'" and "script-src" not in policy(r)


def login_cookie(client, **environ) -> str:
    r = client.post("/api/v1/auth/login", json={"email": "buyer@example.com", "password": PASSWORD}, **environ)
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.headers["Set-Cookie"]


def test_over_https_the_session_cookie_is_secure_and_hsts_is_sent(settings, world):
    plain = create_app(settings).test_client()
    assert "Secure" not in login_cookie(plain)
    # the request came over HTTPS: the cookie is Secure even without BOARD_COOKIE_SECURE
    assert "Secure" in login_cookie(plain, base_url="https://board.example")
    # served over HTTPS by configuration: Secure always, and HSTS on every answer
    https = create_app(replace(settings, session_cookie_secure=True)).test_client()
    assert "Secure" in login_cookie(https)
    assert https.get("/").headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_behind_a_trusted_proxy_its_forwarded_https_counts(settings, world):
    forwarded = {"headers": {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}}
    untrusted = create_app(settings).test_client()
    assert "Secure" not in login_cookie(untrusted, **forwarded)  # nobody said to trust the header
    trusted = create_app(replace(settings, proxy_hops=1)).test_client()
    assert "Secure" in login_cookie(trusted, **forwarded)
    assert "Strict-Transport-Security" in trusted.get("/", **forwarded).headers
