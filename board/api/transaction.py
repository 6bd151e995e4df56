"""Each request is one unit of work (``board.uow``): committed after a success, rolled back after a
failure; a write may name itself with an ``Idempotency-Key``.

A write under ``/api/v1`` with ``Idempotency-Key: <1-64 characters>`` is applied once for its user:
its events carry the key as ``op_id``, and a repeat by the same user answers the first answer's
status and body without applying again (marked ``Idempotent-Replayed: true``). The key shares the
store and the rule of socket writes' ``op_id``: only applied writes are remembered, so a repeat of
one that failed is tried afresh.
"""
from __future__ import annotations

from flask import Flask, Response, current_app, request

from .. import uow
from ..auth import current_user
from ..errors import Invalid, to_board_error
from ..extensions import IDEMPOTENCY_KEY as HEADER
from . import PREFIX, WRITES

REPLAYED = "Idempotent-Replayed"


def install(app: Flask) -> None:
    """Read ``Idempotency-Key`` before each write and end every request's unit of work after it."""
    app.before_request(_idempotency_key)
    app.after_request(_end_unit_of_work)


def _idempotency_key() -> None:
    """A keyed write of a signed-in user: the unit of work applies it once."""
    if request.method not in WRITES or not request.path.startswith(PREFIX):
        return
    key = request.headers.get(HEADER)
    if key is None:
        return
    if not 1 <= len(key) <= 64:
        raise Invalid(HEADER, "Give 1 to 64 characters, the same for every repeat of one write.")
    user = current_user()
    if user is not None:
        uow.idempotent(user.id, key)


def _end_unit_of_work(response: Response) -> Response:
    """Commit successful requests (then publish), roll back failed ones; a repeat answers the first answer."""
    if response.status_code >= 400:
        done = uow.recover()
        return response if done is None else _replay(done)
    try:
        uow.commit(_answer(response) if uow.op() is not None else None)
    except Exception as exc:  # a failed commit must not answer success
        done = uow.recover()
        if done is not None:
            return _replay(done)
        err = to_board_error(exc)
        if err.status >= 500:
            current_app.logger.exception("commit failed")
        failed = current_app.json.response(err.body())
        failed.status_code = err.status
        return failed
    return response


def _answer(response: Response) -> dict:
    """What a repeat will answer: the status and the JSON body (the shape of a socket write's ack)."""
    return {"ok": True, "result": response.get_json(silent=True), "status": response.status_code}


def _replay(done: dict) -> Response:
    """The first answer again (one remembered by a socket write answers 200 with its result)."""
    body = done.get("result")
    response = current_app.json.response(body) if body is not None else current_app.response_class()
    response.status_code = done.get("status", 200)
    response.headers[REPLAYED] = "true"
    return response
