"""Database engine, the scoped session and the declarative base."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, String, bindparam, create_engine, event, insert, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, make_transient_to_detached, mapped_column, scoped_session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
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


_INSERTS: dict = {}


def _insert_plan(model: type) -> tuple:
    """A model's prebuilt INSERT and its (attribute, column) pairs; a server-side default has no place here."""
    plan = _INSERTS.get(model)
    if plan is None:
        mapper = sa_inspect(model)
        columns = [(prop.key, prop.columns[0]) for prop in mapper.column_attrs]
        late = [c.key for _, c in columns if c.server_default is not None]
        if late:
            raise TypeError(f"{model.__name__}: server-side defaults ({', '.join(late)}) would need a reload")
        plan = _INSERTS[model] = (insert(mapper.local_table), columns)
    return plan


def insert_now(obj) -> None:
    """Insert a new object with one prebuilt Core INSERT and hold it in the session as persistent.

    What the unit of work's flush does for one row, without its bookkeeping (which costs several times
    the INSERT itself; see docs/performance.md). Python-side column defaults are applied to ``obj``
    first, so nothing needs reloading; relationships already set (``set_committed_value``) stay loaded.
    Rows the unit of work holds are flushed first, so ``obj`` may refer to them.
    """
    stmt, columns = _insert_plan(type(obj))
    held = obj.__dict__
    for key, column in columns:
        if key not in held:
            default = column.default
            value = None if default is None else default.arg(None) if default.is_callable else default.arg
            setattr(obj, key, value)
    session.flush()
    session.connection().execute(stmt, {column.key: held[key] for key, column in columns})
    make_transient_to_detached(obj)
    session.add(obj)


class _UpdatePlan:
    """What ``update_now`` needs of a model: its columns by attribute, key, version and on-update defaults."""

    def __init__(self, model: type) -> None:
        mapper = sa_inspect(model)
        if len(mapper.primary_key) != 1 or mapper.version_id_col is None or mapper.version_id_generator is None:
            raise TypeError(f"{model.__name__}: update_now needs one primary key and a version column")
        self.table = mapper.local_table
        self.columns = {prop.key: prop.columns[0] for prop in mapper.column_attrs}
        self.pk = mapper.get_property_by_column(mapper.primary_key[0]).key
        self.version = mapper.get_property_by_column(mapper.version_id_col).key
        self.onupdate = [(key, column.onupdate) for key, column in self.columns.items() if column.onupdate is not None]
        late = [key for key, column in self.columns.items() if column.server_onupdate is not None]
        if late:
            raise TypeError(f"{model.__name__}: server-side on-update values ({', '.join(late)}) would need a reload")
        self.statements: dict[tuple, object] = {}

    def statement(self, keys: tuple):
        """The prebuilt UPDATE of these attributes (and the version), checking the old version."""
        stmt = self.statements.get(keys)
        if stmt is None:
            table, version = self.table, self.columns[self.version]
            stmt = self.statements[keys] = (
                update(table)
                .where(self.columns[self.pk] == bindparam("_pk"), version == bindparam("_version"))
                .values({self.columns[key]: bindparam(f"_new_{key}") for key in (*keys, self.version)})
            )
        return stmt


_UPDATES: dict[type, _UpdatePlan] = {}


def update_now(obj) -> None:
    """Write a persistent, versioned object's changed columns with one prebuilt Core UPDATE.

    What the unit of work's flush does for one changed row — on-update defaults, the version check
    (``StaleDataError`` when another writer got there first, as from a flush) and the new version —
    without its bookkeeping, which costs several times the UPDATE (see docs/performance.md). When
    more than plain columns changed (a collection, a relationship), the flush does it all instead.
    """
    state = sa_inspect(obj)
    changed = state.committed_state
    if not changed:
        return
    plan = _UPDATES.get(type(obj)) or _UPDATES.setdefault(type(obj), _UpdatePlan(type(obj)))
    held_by = session()
    if (state.session is not held_by or held_by.new or held_by.deleted or any(o is not obj for o in held_by.dirty)
            or any(key not in plan.columns or key == plan.version for key in changed)):
        held_by.flush()  # more than this row's columns to write: the unit of work orders it all
        return
    for key, default in plan.onupdate:
        if key not in changed:
            setattr(obj, key, default.arg(None) if default.is_callable else default.arg)
    held = state.dict
    keys = tuple(sorted(changed))
    old = held[plan.version]
    new = state.mapper.version_id_generator(old)
    params = {f"_new_{key}": held[key] for key in keys}
    params.update({f"_new_{plan.version}": new, "_pk": held[plan.pk], "_version": old})
    result = held_by.connection().execute(plan.statement(keys), params)
    if result.rowcount != 1:
        raise StaleDataError(f"UPDATE of {type(obj).__name__} {held[plan.pk]!r} matched {result.rowcount} rows "
                             f"at version {old!r}")
    held[plan.version] = new
    state._commit_all(held, held_by.identity_map)  # saved: nothing of it is left for a flush


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
