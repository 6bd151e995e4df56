"""Run N in-process writes under eventlet over SQLite, for counting their instructions with callgrind.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%p \\
        .venv/bin/python -m bench.instructions rest 230

The cost of one write is the difference of two such runs (e.g. 230 and 30 writes) divided by the
difference in writes: start-up and setup cancel out (docs/performance.md, "What was changed").
``rest`` creates observation cards through the WSGI app (Flask's test client, a token in the
header); ``socket`` sends ``card:update`` edits through Flask-SocketIO's test client. ``--time``
prints the CPU time per write instead (no valgrind needed).
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import warnings

def _world(app):
    """One account on one engagement and initiative with 64 cards; the writer's token and the ids."""
    from board import boundary
    from board.services import accounts

    with app.app_context():
        accounts.create_user("writer@bench.example", None, "Wren Writer")
        token = accounts.create_token(accounts.find_user("writer@bench.example"), "bench")
        boundary.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def rest(method, path, body):
        r = client.open(f"/api/v1{path}", method=method, json=body, headers=headers)
        assert r.status_code < 300, (r.status_code, r.get_data(as_text=True)[:300])
        return r.get_json()

    eng = rest("POST", "/engagements", {"name": "Bench workshop", "buyer_name": "Northwind",
                                        "provider_name": "Brightline", "side": "buyer"})
    initiative = rest("POST", f"/engagements/{eng['id']}/initiatives",
                      {"title": "Reduce the cost of the collections process"})["id"]
    cards = [rest("POST", f"/initiatives/{initiative}/cards",
                  {"kind": "observation", "text": f"Observation {n}", "tags": ["bench", "re-keying"]})
             for n in range(64)]
    return token, rest, initiative, [{"id": c["id"], "version": c["version"]} for c in cards]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.instructions", description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("rest", "socket"))
    parser.add_argument("n", type=int, help="writes to make after the setup")
    parser.add_argument("--time", action="store_true", help="print CPU ms per write")
    args = parser.parse_args(argv)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import eventlet

        eventlet.monkey_patch()
    workdir = tempfile.mkdtemp(prefix="board-instructions-")
    os.environ.update(BOARD_INSTANCE_DIR=workdir, BOARD_DATABASE_URL=f"sqlite:///{workdir}/board.db",
                      BOARD_SOCKET_WRITE_RATE="100000", BOARD_ASYNC_MODE="eventlet")
    from board import create_app, migrate
    from board.cli import GC_THRESHOLDS
    from board.extensions import socketio

    migrate.upgrade(os.environ["BOARD_DATABASE_URL"])
    app = create_app()
    token, rest, initiative, cards = _world(app)

    if args.kind == "rest":
        def write(n):
            rest("POST", f"/initiatives/{initiative}/cards",
                 {"kind": "observation", "text": f"Created {n}", "tags": ["bench"]})
    else:
        sio = socketio.test_client(app, auth={"token": token})
        assert sio.is_connected()
        sio.emit("join", {"initiative": initiative, "since": None}, callback=True)

        def write(n):
            card = cards[n % len(cards)]
            ack = sio.emit("card:update", {"op_id": f"op-{n}", "card": card["id"],
                                           "data": {"version": card["version"], "text": f"Edit {n}"}},
                           callback=True)
            assert ack.get("ok"), ack
            card["version"] = ack["result"]["version"]
            sio.get_received()  # drop the broadcast: the test client keeps every message

    gc.collect()  # the collector tuned as `board serve` tunes it (board/cli.py): setup frozen, rare full passes
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    started = time.process_time()
    for n in range(args.n):
        write(n)
    spent = time.process_time() - started
    if args.time:
        print(f"{args.kind}: {args.n} writes, {spent / max(args.n, 1) * 1000:.3f} ms of CPU each")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
