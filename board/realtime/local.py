"""Servers on this machine, told "access ended: check now" by another process, with no message queue.

Without Redis the ``board`` command and ``board serve`` share only the database and the instance
folder. Each server listens on a Unix socket of its own in ``<instance>/control/`` (owner-only); a
process that committed a revocation connects to every one, and each server re-reads from the
database who lost access, closes those sockets and answers: the command returns once that is done.
The nudge carries no authority (the server believes only the database), so it names nothing.
"""
from __future__ import annotations

import hashlib
import logging
import os
import socket
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..extensions import socketio

log = logging.getLogger(__name__)
ANSWER_SECONDS = 2.0  # a server that does not answer by then is left to its periodic check
_PATH_MAX = 100  # AF_UNIX paths are limited to 104-108 bytes, the socket's file name included


def directory(instance_dir: Path) -> Path:
    """Where this instance's servers keep their sockets (a short folder under /tmp if that path is too long)."""
    here = Path(instance_dir).resolve() / "control"
    if len(str(here)) + 16 <= _PATH_MAX:
        return here
    return Path(tempfile.gettempdir()) / f"board-control-{hashlib.sha256(str(here).encode()).hexdigest()[:16]}"


def _own(folder: Path) -> Path:
    return folder / f"{os.getpid()}.sock"


def listen(folder: Path, check: Callable[[], None]) -> None:
    """Serve this process's socket in ``folder``: on each nudge run ``check`` and answer. Where that cannot
    be (a read-only folder, one someone else owns), the periodic check is left to catch revocations."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid != os.getuid():
            raise PermissionError(f"{folder} belongs to someone else")
        path = _own(folder)
        path.unlink(missing_ok=True)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        umask = os.umask(0o077)  # the socket file: its owner only
        try:
            listener.bind(str(path))
        finally:
            os.umask(umask)
        listener.listen(64)
    except OSError:
        log.warning("no control socket in %s: revocations by other processes wait for the sync tick", folder,
                    exc_info=True)
        return
    socketio.start_background_task(_accept, listener, check)


def _accept(listener: socket.socket, check: Callable[[], None]) -> None:
    while True:
        conn, _ = listener.accept()
        socketio.start_background_task(_answer, conn, check)


def _answer(conn: socket.socket, check: Callable[[], None]) -> None:
    with conn:
        try:
            conn.settimeout(ANSWER_SECONDS)
            if conn.recv(16).startswith(b"check"):
                check()
                conn.sendall(b"done\n")
        except Exception:
            log.warning("control nudge failed", exc_info=True)


def nudge(folder: Path) -> int:
    """Ask every other server of this instance to check for revocations now; wait for their answers.
    Returns how many answered; a socket whose server is gone is removed."""
    answered = 0
    for path in sorted(folder.glob("*.sock")) if folder.is_dir() else []:
        if path == _own(folder):
            continue
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(ANSWER_SECONDS)
            try:
                conn.connect(str(path))
                conn.sendall(b"check\n")
                answered += conn.recv(16).startswith(b"done")
            except (ConnectionRefusedError, FileNotFoundError):
                path.unlink(missing_ok=True)
            except OSError:
                log.warning("server at %s did not answer a control nudge", path, exc_info=True)
    return answered
