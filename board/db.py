"""Database engine, the scoped session and the declarative base."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, String, create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker
from sqlalchemy.types import TypeDecorator

from .infra.greenio import WriteGate, green_spawner, native_runner
from .infra.sqlite import sqlite_connector

session = scoped_session(sessionmaker(expire_on_commit=False))
READ_ONLY = "board_read_only"


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


_LEAVES = frozenset({str, int, float, bool, type(None)})


def jsonable(value):
    """``value`` with datetimes as ISO strings, recursively: fit for JSON columns and socket payloads."""
    if type(value) in _LEAVES:  # most values: one lookup instead of three isinstance checks
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: v if type(v) in _LEAVES else jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def new_id() -> str:
    """An opaque, unguessable id (ids never reveal other engagements' activity).

    Never starts with ``-``, so an id can be given to the ``board`` command (``board export ID``)
    without being taken for an option.
    """
    while True:
        value = secrets.token_urlsafe(12)
        if not value.startswith("-"):
            return value


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


class Base(DeclarativeBase):
    """Base of every model."""

    type_annotation_map = {datetime: UTCDateTime, dict: JSON, list: JSON, str: String}


class OnBoard:
    """Mixin for rows that belong to one initiative's board (and so to its engagement)."""

    engagement_id: Mapped[str] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    initiative_id: Mapped[str] = mapped_column(ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)


def IdColumn():  # noqa: N802 - reads like a column type
    """Primary-key column holding an opaque id."""
    return mapped_column(String(24), primary_key=True, default=new_id)


def normalise_url(url: str) -> str:
    """``postgresql://`` means psycopg2 here: psycogreen makes it cooperative under eventlet and gevent."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        kwargs: dict = {"connect_args": {"timeout": 30, "check_same_thread": False}}
        path = make_url(url).database
        if path and path != ":memory:":
            # writers queue in the process (WriteGate); under green threads, calls that can wait on
            # SQLite run in native threads, and so do WAL checkpoints (see board/infra/greenio.py)
            kwargs = {"creator": sqlite_connector(path, WriteGate(), native_runner(), green_spawner())}
        engine = create_engine(url, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # let SQLAlchemy's BEGIN below own transactions
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            # A writing unit of work takes the write lock up front (IMMEDIATE), so writers queue on
            # busy_timeout instead of failing with "database is locked" when a reader upgrades.
            # Read-only ones (see ``read_only``) don't wait for writers at all: WAL gives them a snapshot.
            # Straight to the driver: SQLAlchemy's own statement path costs more than the BEGIN itself.
            begin = "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"
            conn.connection.driver_connection.execute(begin)

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def read_only() -> None:
    """Declare the current unit of work read-only (call before its first query)."""
    if not session().in_transaction():
        session.connection(execution_options={READ_ONLY: True})


def bind(engine: Engine) -> None:
    """Point the scoped session at ``engine``."""
    session.remove()
    session.configure(bind=engine)
