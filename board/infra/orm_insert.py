"""A new row's INSERT without the unit of work's flush: the one fast path kept beside the ORM.

The flush of one new card costs several times its ``INSERT`` (dependency sort, bookkeeping per
mapper and relationship): without this, a REST card create takes ~12% more instructions, about the
margin of the ≥ 300 creates/s target (docs/performance.md, issue 14). Public SQLAlchemy API only:
the model's column defaults, a prebuilt Core ``INSERT`` and ``make_transient_to_detached``.

What it does not do, so what a model using it must not need: mapper and session flush events
(the board defines none), server-side defaults (refused: they would need a reload) and
relationships to insert with it (rows the session holds are flushed first; citations of a new
card go through the ORM afterwards).
"""
from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session, make_transient_to_detached

_PLANS: dict[type, tuple] = {}


def _plan(model: type) -> tuple:
    """A model's prebuilt INSERT and its (attribute, column) pairs."""
    plan = _PLANS.get(model)
    if plan is None:
        mapper = sa_inspect(model)
        columns = [(prop.key, prop.columns[0]) for prop in mapper.column_attrs]
        late = [column.key for _, column in columns if column.server_default is not None]
        if late:
            raise TypeError(f"{model.__name__}: server-side defaults ({', '.join(late)}) would need a reload")
        plan = _PLANS[model] = (insert(mapper.local_table), columns)
    return plan


def insert_now(session: Session, obj) -> None:
    """Insert the new ``obj`` with one prebuilt INSERT and hold it in ``session`` as persistent.

    Python-side column defaults are applied to ``obj`` first, as a flush would, so nothing needs
    reloading; relationships already set with ``set_committed_value`` stay loaded.
    """
    stmt, columns = _plan(type(obj))
    held = sa_inspect(obj).dict
    for key, column in columns:
        if key not in held:
            default = column.default
            value = None if default is None else default.arg(None) if default.is_callable else default.arg
            setattr(obj, key, value)
    session.flush()  # rows the session holds first: ``obj`` may refer to them
    session.connection().execute(stmt, {column.key: held[key] for key, column in columns})
    make_transient_to_detached(obj)
    session.add(obj)
