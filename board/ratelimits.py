"""Rate limits of the REST views that need them: sign-in, tokens, password resets, invitations.

A decorator over the ``limits`` library (what Flask-Limiter is built on), checked only by the views
it decorates. Flask-Limiter 4 always adds a ``before_request`` hook that looks for default and
application limits on every request (~40-80 µs each; its ``auto_check=False`` went in 4.0), and the
board has none: its only limits are these views' own. Socket writes have their own token bucket
(``realtime/ratelimit.py``).
"""
from __future__ import annotations

import functools
from typing import Callable

from flask import Flask, current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

Rate = str | Callable[[], str]  # "10 per minute", or a function answering one (read per request)


def remote_address() -> str:
    """The client's address as this server sees it."""
    return request.remote_addr or "127.0.0.1"


class RateLimiter:
    """Per-view limits, counted per key in the app's storage (Redis when configured, else memory)."""

    def __init__(self, key_func: Callable[[], str]) -> None:
        self.key_func = key_func

    def init_app(self, app: Flask, storage_uri: str) -> None:
        """Count in ``storage_uri`` (``redis://…``, or ``memory://`` for this process alone)."""
        app.extensions["board_rate_limits"] = FixedWindowRateLimiter(storage_from_string(storage_uri))

    def limit(self, rate: Rate, key_func: Callable[[], str] | None = None, scope: str | None = None):
        """Answer 429 once the decorated view was called ``rate`` times for the same key in its window;
        views given the same ``scope`` share one count (sign-in by password, whichever door)."""

        def decorator(view):
            counted = scope or f"{view.__module__}.{view.__qualname__}"

            @functools.wraps(view)
            def limited(*args, **kwargs):
                item = parse(rate() if callable(rate) else rate)
                key = (key_func or self.key_func)()
                if not current_app.extensions["board_rate_limits"].hit(item, counted, key):
                    raise TooManyRequests(str(item))  # "10 per 1 minute", in the one error shape
                return view(*args, **kwargs)

            return limited

        return decorator

    def failures(self, rate: Rate, key_func: Callable[[], str], scope: str, failed: type[Exception]):
        """Answer 429 once ``rate`` calls for the same key raised ``failed`` in the window: only failures
        count (many people signing in from one office are fine; one address guessing many accounts is not)."""

        def decorator(view):
            @functools.wraps(view)
            def limited(*args, **kwargs):
                item = parse(rate() if callable(rate) else rate)
                key, strategy = key_func(), current_app.extensions["board_rate_limits"]
                if not strategy.test(item, scope, key):
                    raise TooManyRequests(str(item))
                try:
                    return view(*args, **kwargs)
                except failed:
                    strategy.hit(item, scope, key)
                    raise

            return limited

        return decorator
