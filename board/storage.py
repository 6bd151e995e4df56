"""The photo store: image files kept beside the database, written and removed in step with it.

A unit of work that adds a photo writes its files at once (``put``); should it roll back, they are
removed again. One that removes a photo only marks its files (``discard``); they go once it has
committed. So a failed or repeated write leaves no stray file, and a removal that did not commit
loses no image. ``LocalStore`` keeps the files under the instance folder (``instance/attachments``),
``board.s3.S3Store`` in a bucket of an S3-compatible service (``BOARD_S3_BUCKET``); both take only keys
that ``check_key`` accepts.
"""
from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Protocol

from sqlalchemy import event

from . import db
from .errors import NotFound, Unavailable

log = logging.getLogger(__name__)
_WRITTEN, _DISCARDED = "board_files_written", "board_files_discarded"


class StoreUnavailable(RuntimeError):
    """The store cannot be used (as configured, or just now); the message says why, for the operator.
    ``put`` and ``get`` answer it as a 503 (``errors.Unavailable``)."""


def check_key(key: str) -> str:
    """``key`` if it names a file inside a store: relative, ``/``-separated, no ``.``/``..`` or empty parts."""
    parts = key.split("/")
    if not key or "\\" in key or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"not a key of this store: {key!r}")
    return key


class Store(Protocol):
    """Where files live, by key (``engagement/name``)."""

    where: str  # where the files go, for the start-up line ("/srv/board/attachments", "s3://bucket/prefix/")

    def check(self) -> None:
        """Raise ``StoreUnavailable`` when the store cannot be used (``board serve`` asks at start-up)."""

    def write(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` (replacing what was there); ``StoreUnavailable`` when it cannot."""

    def read(self, key: str) -> bytes:
        """The file under ``key``; ``FileNotFoundError`` if there is none, ``StoreUnavailable`` when it cannot say."""

    def remove(self, key: str) -> None:
        """Forget the file under ``key`` (nothing happens if there is none)."""


class LocalStore:
    """Files in a folder: one sub-folder per engagement, each file written whole or not at all."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.where = str(self.root)

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(f"the photo folder {self.root} cannot be made ({exc.strerror}): "
                                   "check BOARD_ATTACHMENTS_DIR") from exc
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise StoreUnavailable(f"the photo folder {self.root} is not writable: check BOARD_ATTACHMENTS_DIR")

    def _path(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"not a key of this store: {key!r}")
        return path

    def write(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def remove(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


_store: Store | None = None


def configure(store: Store) -> None:
    """The store the app uses (set at start-up, like the publisher)."""
    global _store
    _store = store


def current() -> Store:
    """The configured store."""
    if _store is None:
        raise RuntimeError("no photo store configured (board.storage.configure)")
    return _store


def put(key: str, data: bytes) -> None:
    """Write a file now; the unit of work's rollback removes it again."""
    store = current()
    db.session().info.setdefault(_WRITTEN, []).append((store, key))
    try:
        store.write(key, data)
    except StoreUnavailable as exc:
        raise _unavailable(exc) from exc


def discard(key: str) -> None:
    """Remove a file once the unit of work has committed."""
    db.session().info.setdefault(_DISCARDED, []).append((current(), key))


def get(key: str) -> bytes:
    """A stored file, or 404 when it is gone."""
    try:
        return current().read(key)
    except FileNotFoundError:
        raise NotFound("Photo not found.") from None
    except StoreUnavailable as exc:
        raise _unavailable(exc) from exc


def _unavailable(exc: StoreUnavailable) -> Unavailable:
    log.warning("photo store: %s", exc)  # the operator's reason; the caller hears only to try again
    return Unavailable("Photos cannot be stored or shown just now; nothing was changed. Try again in a moment.")


def _remove_all(pairs) -> None:
    for store, key in pairs:
        try:
            store.remove(key)
        except Exception:  # the database is the truth; a stray file only costs space
            log.exception("removing %s from the photo store failed", key)


@event.listens_for(db.session, "after_commit")
def _after_commit(session) -> None:
    session.info.pop(_WRITTEN, None)
    _remove_all(session.info.pop(_DISCARDED, ()))


@event.listens_for(db.session, "after_soft_rollback")
def _after_rollback(session, previous_transaction) -> None:
    if previous_transaction.parent is not None:  # a savepoint: the outer transaction decides
        return
    session.info.pop(_DISCARDED, None)
    _remove_all(session.info.pop(_WRITTEN, ()))
