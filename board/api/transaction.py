"""Each request is one unit of work (``board.uow``): committed after a success, rolled back after a failure."""
from __future__ import annotations

from flask import Flask, Response, current_app

from .. import uow
from ..errors import to_board_error

REPLAYED = "Idempotent-Replayed"


def install(app: Flask) -> None:
    """End every request's unit of work after it."""
    app.after_request(_end_unit_of_work)


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
