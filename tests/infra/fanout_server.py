"""A bare python-socketio server under eventlet with board.infra.fanout installed: ``MODE PORT``.

Every socket joins one room; ``blast {count, size}`` broadcasts ``count`` numbered events of ``size``
bytes to the others; ``stats`` answers the fan-out path and how many partly written frames were
finished by the shared-frame sender. Sockets get a small send buffer (inherited from the listener), so a client that stops
reading soon leaves the kernel taking only part of a frame.
"""
from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import eventlet

    eventlet.monkey_patch()

import socket  # noqa: E402
import sys  # noqa: E402

import eventlet.wsgi  # noqa: E402
import socketio  # noqa: E402

from board.infra import fanout  # noqa: E402

mode, port = sys.argv[1], int(sys.argv[2])
sio = socketio.Server(async_mode="eventlet")
path = fanout.install(sio, mode)


@sio.on("connect")
def connect(sid, environ, auth=None):
    sio.enter_room(sid, "all")


@sio.on("blast")
def blast(sid, data):
    for n in range(data["count"]):
        sio.emit("seq", {"n": n, "pad": "x" * data["size"]}, to="all", skip_sid=sid)
        eventlet.sleep(0)  # let writers and finishers run between broadcasts, as between edits
    return {"sent": data["count"]}


@sio.on("stats")
def stats(sid):
    partial = getattr(sio.eio.send_packet, "partial_writes", 0)  # only the shared-frame sender has them
    return {"path": path.name, "reason": path.reason, "partial_writes": partial}


listener = eventlet.listen(("127.0.0.1", port))
listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 16384)
print("ready", flush=True)
eventlet.wsgi.server(listener, socketio.WSGIApp(sio), log_output=False)
