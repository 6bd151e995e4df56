"""Sends on eventlet: each packet's WebSocket frame built once, written straight to every idle socket.

python-engineio hands every packet to its socket's queue, and one writer green thread per socket
takes it from there: per client and per event a queue put, a wake-up timer, two greenlet switches,
a 45-s timeout timer for the writer's next wait (alive, and tracked by the garbage collector, until
it expires) and the frame built again — ~48 µs per client on the bare Flask-SocketIO server, most of
a board's fan-out (docs/performance.md, change 12). A broadcast sends the same packet object to
every client of a room; here its frame is built once, and a socket with nothing queued and nothing
being sent gets it with one non-blocking ``send``.

Order per socket stays what the queue gives. Green threads switch only where they wait, and the
writer waits only for its queue (then nothing of it is in flight) or inside ``sendall`` holding the
WebSocket's send lock (the lock is taken). So a socket is written directly only when its queue is
empty and its send lock is free with nobody waiting for it; the lock is held while writing, and
when the kernel takes only part of the frame, a green thread finishes it before releasing the
lock — the writer's next frame, and eventlet's own control frames (a pong, a close), wait for it.
Anything else (a packet still queued, a send in progress, a partial write that nothing was written
of, polling, TLS on the socket itself) goes the library's way.

This reads internals of python-engineio (``Server._async``, a socket's queue and state) and eventlet
(``RFC6455WebSocket._sendlock``, its ``Semaphore``), so it runs only on the releases it was checked
against (``CHECKED``, the versions ``requirements.lock`` pins); on any other, and with
``BOARD_FANOUT=library``, the library's own path runs, and :func:`install` says which and why.
``tests/infra/test_fanout.py`` asserts the path under the pinned versions, and the delivery tests
run on both paths.

Only under eventlet: gevent's WebSocket (simple-websocket) has no send lock to tell a send in
progress, and with threads nothing of the above holds; there the library's path is used — with two
fixes (``whole-frames``): simple-websocket 1.1 writes a frame with a single ``socket.send``, which
under backpressure takes part of it and drops the rest, breaking the stream for a client that reads
slowly (simple-websocket issue #45, reported after 1.1.0); here its frames are sent whole. And the
TCP connection is closed when the WebSocket's session ends (see ``_whole_frames``).

WebSocket compression (permessage-deflate) is declined on the shared-frame path, as Node.js
engine.io does by default: a compressed stream has a compressor per socket, so no frame could be
shared, and compressing ~700-byte events costs more CPU per client than it saves on the wire.
"""
from __future__ import annotations

import logging
import socket
import struct
from dataclasses import dataclass
from importlib import metadata

log = logging.getLogger(__name__)
MODES = ("shared-frame", "library")  # BOARD_FANOUT
# the releases whose internals this module was read against and tested on (requirements.lock)
CHECKED = {"python-engineio": ("4.15.1",), "eventlet": ("0.41.3",), "simple-websocket": ("1.1.0",)}


@dataclass(frozen=True)
class FanoutPath:
    """Which sends a server uses: ``shared-frame``, ``whole-frames`` or ``library``, and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name} ({self.reason})"


def _unchecked(*dists: str) -> list[str]:
    """Those of ``dists`` installed at a release this module was not checked against."""
    found = []
    for dist in dists:
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:
            version = "missing"
        if version not in CHECKED[dist]:
            found.append(f"{dist} {version} (checked: {', '.join(CHECKED[dist])})")
    return found


def install(server, mode: str = "shared-frame") -> FanoutPath:
    """Set up ``server``'s sends (a python-socketio Server) for ``mode``; returns the path taken and why.

    ``library`` leaves python-engineio's sends as they are. ``shared-frame`` takes the direct path
    under eventlet and whole frames under gevent or threads, on the checked releases only; on
    others the library's path runs, and the answer (logged as a warning) names the releases.
    """
    if mode not in MODES:
        raise ValueError(f"fan-out mode must be one of {', '.join(MODES)}, not {mode!r}")
    eio = server.eio
    if mode == "library":
        path = FanoutPath("library", "BOARD_FANOUT=library")
    elif eio.async_mode == "eventlet":
        path = _install_shared_frames(eio)
    else:
        path = _install_whole_frames(eio)
    (log.info if path.name != "library" or mode == "library" else log.warning)("fan-out: %s", path)
    return path


def _install_shared_frames(eio) -> FanoutPath:
    unchecked = _unchecked("python-engineio", "eventlet")
    if unchecked:
        return FanoutPath("library", "shared frames not checked on " + "; ".join(unchecked))
    from eventlet import greenio, spawn_n
    from eventlet.websocket import RFC6455WebSocket

    eio._async = {**eio._async, "websocket": _recording(eio._async["websocket"])}
    eio.send_packet = _Sender(eio, greenio.GreenSocket, RFC6455WebSocket, spawn_n)
    return FanoutPath("shared-frame", "eventlet: one frame per packet, written to idle sockets")


def _install_whole_frames(eio) -> FanoutPath:
    websocket = eio._async.get("websocket")
    if websocket is None:
        return FanoutPath("library", f"{eio.async_mode}: no WebSocket transport")
    unchecked = _unchecked("python-engineio", "simple-websocket")
    if unchecked:
        return FanoutPath("library", "whole frames not checked on " + "; ".join(unchecked))
    from engineio.async_drivers._websocket_wsgi import SimpleWebSocketWSGI

    if not (isinstance(websocket, type) and issubclass(websocket, SimpleWebSocketWSGI)):
        return FanoutPath("library", f"{eio.async_mode}: its WebSocket is not simple-websocket's")
    eio._async = {**eio._async, "websocket": _whole_frames(websocket)}
    return FanoutPath("whole-frames", f"{eio.async_mode}: the library's queue, each frame sent whole")


CLOSING_WAIT = 1.0  # seconds a finished WebSocket's reader may take to answer the client's close frame


def _whole_frames(base: type) -> type:
    """engineio's simple-websocket adapter, sending each frame whole (``sendall``), closing TCP at the end.

    When a session ends, simple-websocket closes its socket, but the WSGI server then reads the next
    request from the connection: the TCP connection stayed open after the closing handshake, and a
    client waited for it to close (three seconds in ``websocket-client``). RFC 6455 (7.1.1) has the
    server close it first, as eventlet's does. Werkzeug's is shut down here; under gevent the socket
    is a duplicate of the server's, whose connection ``board serve``'s handler closes (board/cli.py).
    """
    from wsproto.events import Message, TextMessage

    class WholeFrames(base):
        def send(self, message):
            ws = self.ws
            if not ws.connected:
                raise OSError()  # what engineio's adapter makes of ConnectionClosed
            event = Message(data=message) if isinstance(message, bytes) else TextMessage(data=str(message))
            ws.sock.sendall(ws.ws.send(event))

        def __call__(self, environ, start_response):
            try:
                return super().__call__(environ, start_response)
            finally:
                ws = getattr(self, "ws", None)
                if ws is not None:
                    ws.thread.join(CLOSING_WAIT)  # its reader answers the client's close frame, then ends
                    try:
                        ws.sock.shutdown(socket.SHUT_RDWR)
                    except OSError:  # closed already (gevent's duplicate), or the client went first
                        pass

    return WholeFrames


def _recording(base: type) -> type:
    """engineio's WebSocket adapter, noting each socket's WebSocket (and declining compression)."""

    class Recording(base):
        def __init__(self, handler, server):
            eio_socket = getattr(handler, "__self__", None)

            def handle(ws):
                if eio_socket is not None:
                    eio_socket.board_ws = ws
                return handler(ws)

            super().__init__(handle, server)

        def __call__(self, environ, start_response):
            environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)  # no permessage-deflate: see the module
            return super().__call__(environ, start_response)

    return Recording


def frame_of(pkt) -> bytes:
    """The unmasked WebSocket frame of an Engine.IO packet, built once per packet object."""
    frame = getattr(pkt, "board_frame", None)
    if frame is None:
        data = pkt.encode()
        binary = isinstance(data, (bytes, bytearray))
        payload = bytes(data) if binary else data.encode("utf-8")
        n = len(payload)
        head = 0x82 if binary else 0x81  # FIN + binary/text
        if n < 126:
            header = struct.pack("!BB", head, n)
        elif n < 65536:
            header = struct.pack("!BBH", head, 126, n)
        else:
            header = struct.pack("!BBQ", head, 127, n)
        frame = pkt.board_frame = header + payload
    return frame


class _Sender:
    """``engineio.Server.send_packet`` with the direct path described above."""

    def __init__(self, eio, green_socket: type, websocket: type, spawn) -> None:
        self.eio, self.green_socket, self.websocket, self.spawn = eio, green_socket, websocket, spawn
        self.library = type(eio).send_packet.__get__(eio)
        self.partial_writes = 0  # frames the kernel took only part of, finished by a green thread

    def __call__(self, sid, pkt) -> None:
        s = self.eio.sockets.get(sid)
        ws = getattr(s, "board_ws", None)  # None: not (yet) on a WebSocket
        if ws is None or not self._direct(s, ws, pkt):
            self.library(sid, pkt)

    def _direct(self, s, ws, pkt) -> bool:
        """Write ``pkt`` to the socket now if that keeps its order; False: nothing was written."""
        lock = ws._sendlock
        if (s.closed or s.closing or s.upgrading or not s.upgraded or ws.websocket_closed or ws.extensions
                or type(ws) is not self.websocket or type(ws.socket) is not self.green_socket
                or lock.counter <= 0 or lock._waiters or not s.queue.empty()):
            return False
        if not s.check_ping_timeout():
            return True  # the client is gone: like the library, send nothing
        fd = ws.socket.fd  # the non-blocking OS socket under the green one (read before the lock is taken)
        frame = frame_of(pkt)
        lock.acquire(blocking=False)  # free and nobody waiting: taken at once, no switch
        try:
            sent = fd.send(frame)
        except BlockingIOError:
            sent = 0
        except OSError:
            lock.release()
            return False  # let the library's path meet the error and close the socket
        if sent == len(frame):
            lock.release()
        elif sent == 0:
            lock.release()
            return False
        else:
            self.partial_writes += 1
            self.spawn(_finish, ws, lock, frame[sent:])
        return True


def _finish(ws, lock, rest: bytes) -> None:
    """The rest of a partly written frame, before anything else is sent on that socket."""
    try:
        ws.socket.sendall(rest)
    except OSError:  # the connection is gone; its reader closes the socket
        pass
    finally:
        lock.release()
