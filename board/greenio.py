"""Keep blocking C calls (SQLite) off the event loop under eventlet or gevent.

PostgreSQL needs none of this: psycogreen makes psycopg2 cooperative. SQLite's C library blocks the
whole process while it waits for a lock or the disk, so under a green-thread server every call on
a SQLite connection runs in a native worker thread instead.
"""
from __future__ import annotations

import sqlite3
import sys
from typing import Any, Callable

Runner = Callable[..., Any]


def native_runner() -> Runner | None:
    """How to run a blocking call in a real thread for the active green-thread library, if any."""
    if "eventlet" in sys.modules:
        from eventlet import patcher, tpool

        if patcher.is_monkey_patched("thread"):
            return tpool.execute
    if "gevent" in sys.modules:
        import gevent
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            return lambda fn, *args, **kw: gevent.get_hub().threadpool.apply(fn, args, kw)
    return None


class Offloaded:
    """A DB-API connection or cursor whose method calls run through ``run``."""

    __slots__ = ("_obj", "_run")

    def __init__(self, obj: Any, run: Runner):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_run", run)

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._obj, name)
        if not callable(attr):
            return attr

        def call(*args, **kw):
            result = self._run(attr, *args, **kw)
            return Offloaded(result, self._run) if isinstance(result, sqlite3.Cursor) else result

        return call

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._obj, name, value)

    def __iter__(self):
        return iter(self.fetchall())
