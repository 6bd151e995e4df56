"""The machine's services for tests: skip (or fail in CI) when one is missing, and PostgreSQL databases."""
from __future__ import annotations

import os

import pytest

PG_ADMIN_URL = os.environ.get("BOARD_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("BOARD_REQUIRE_SERVICES", "") not in ("", "0", "false")


def missing_service(name: str, why: str):
    """Skip with a clear reason, or fail when CI requires every service."""
    message = f"{name} is not reachable ({why})"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} and BOARD_REQUIRE_SERVICES is set", pytrace=False)
    pytest.skip(f"{message}; set it up to run these tests")


def pg_url(worker: str) -> str:
    """A database of our own for this test worker (created if missing), or skip."""
    import psycopg2
    from sqlalchemy.engine import make_url

    name = f"board_test_{worker}_{os.getpid()}"  # parallel runs never share a database
    try:
        conn = psycopg2.connect(PG_ADMIN_URL, connect_timeout=3)
    except psycopg2.OperationalError as exc:
        missing_service("PostgreSQL", str(exc).strip().splitlines()[0])
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cur.fetchone():
            cur.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


def needs_pango() -> None:
    """Skip (or fail in CI) where WeasyPrint cannot load Pango, which the PDF report needs."""
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        missing_service("Pango (Debian libpango-1.0-0 libpangoft2-1.0-0, for WeasyPrint)", str(exc).splitlines()[0])
