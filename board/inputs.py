"""Limits on what a request may send, checked as its JSON is read (REST bodies and socket messages).

A body nested deeper than ``MAX_DEPTH`` (the board's own payloads nest four levels at most), and text
holding a lone UTF-16 surrogate (``"\\ud800"``: JSON allows the escape, but it is no character and no
database stores it), are refused with a 4xx naming what was wrong, before anything is looked at.
"""
from __future__ import annotations

import io
import json
import re
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestEntityTooLarge

from .errors import BoardError

MAX_DEPTH = 32
_SURROGATE = re.compile("[\ud800-\udfff]")
REFUSED_EVENT = "board:refused"


class Unreadable(BoardError, ValueError):
    """A body refused as it was read (a ``ValueError`` too, so ``get_json(silent=True)`` ignores it)."""

    status, code = 400, "bad_request"


def _path(parts: tuple) -> str:
    return ".".join(str(p) for p in parts) or "body"


def check(value: Any, prefix: tuple = ()) -> None:
    """Refuse a parsed value nested deeper than ``MAX_DEPTH`` or holding a lone surrogate (by its path)."""
    stack = [(value, prefix, 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, str):
            found = _SURROGATE.search(node)
            if found:
                err = Unreadable(f"{_path(path)}: holds a lone UTF-16 surrogate (U+{ord(found.group()):04X}), "
                                 "which is no character; send the text as it was typed.",
                                 fields={_path(path): ["Not valid text (a lone UTF-16 surrogate)."]}, code="invalid")
                err.status = 422
                raise err
        elif isinstance(node, (dict, list)):
            if depth >= MAX_DEPTH:
                raise Unreadable(f"{_path(path[:3])}: the JSON nests deeper than {MAX_DEPTH} levels; "
                                 "nothing the board takes nests so deep.")
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, child in items:
                if isinstance(key, str) and _SURROGATE.search(key):
                    stack.append((key, path, depth))
                stack.append((child, (*path, key), depth + 1))


def loads(text: str | bytes, **kw) -> Any:
    """``json.loads``, refusing what ``check`` refuses (and a nesting too deep to parse at all)."""
    try:
        value = json.loads(text, **kw)
    except RecursionError:
        raise Unreadable(f"body: the JSON nests deeper than {MAX_DEPTH} levels; "
                         "nothing the board takes nests so deep.") from None
    check(value)
    return value


def install(app: Flask) -> None:
    """Read a body sent without ``Content-Length`` (chunked) up to ``MAX_CONTENT_LENGTH`` and no further:
    beyond it the request is refused (413) unread; within it, it goes on as if its length was given."""

    def _bounded_body() -> None:
        environ = request.environ
        if environ.get("CONTENT_LENGTH") or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return
        limit = app.config["MAX_CONTENT_LENGTH"]
        stream, data = environ["wsgi.input"], bytearray()
        while len(data) <= limit:
            chunk = stream.read(min(65_536, limit + 1 - len(data)))
            if not chunk:
                break
            data += chunk
        if len(data) > limit:
            raise RequestEntityTooLarge()
        environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(bytes(data)), str(len(data))
        environ.pop("HTTP_TRANSFER_ENCODING", None)

    app.before_request_funcs.setdefault(None, []).insert(0, _bounded_body)


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading with ``loads`` (``request.get_json`` too)."""

    def loads(self, s: str | bytes, **kw) -> Any:
        return loads(s, **kw)


class SocketJSON:
    """The JSON of Socket.IO messages: a message refused by ``loads`` arrives as ``REFUSED_EVENT`` with
    the error, so its sender still gets an answer (an ack names the packet by id, not by event)."""

    dumps = staticmethod(json.dumps)

    @staticmethod
    def loads(text: str | bytes, **kw) -> Any:
        try:
            value = json.loads(text, **kw)
        except RecursionError:
            return [REFUSED_EVENT, Unreadable(f"message: the JSON nests deeper than {MAX_DEPTH} levels.").body()]
        try:  # an event's arguments follow its name: paths start at its payload ("data.text")
            if isinstance(value, list) and value and isinstance(value[0], str):
                for arg in value[1:]:
                    check(arg)
            else:
                check(value)
        except Unreadable as err:
            return [REFUSED_EVENT, err.body()]
        return value
