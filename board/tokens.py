"""Single-use link tokens (invitations, password resets) that the database never holds.

A row keeps a random salt and the SHA-256 of its token; the token itself is an HMAC of the row's
purpose, id and salt under the server's secret key. So the server can write the same link again
(an e-mail retried later, an admin's "copy link") while a copy of the database alone opens nothing.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from flask import current_app
from sqlalchemy import select

from .auth import digest
from .db import session


def new_salt() -> str:
    """A fresh salt: a new salt is a new token (and the old one stops working)."""
    return secrets.token_urlsafe(16)


def token_for(purpose: str, row_id: str, salt: str) -> str:
    """The token of one row: 256 bits, URL-safe."""
    key = current_app.config["SECRET_KEY"].encode()
    mac = hmac.new(key, f"{purpose}:{row_id}:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def issue(purpose: str, row) -> None:
    """Give ``row`` (with ``id``, ``salt`` and ``token_hash``) a fresh token: any older one stops working."""
    row.salt = new_salt()
    row.token_hash = digest(token_for(purpose, row.id, row.salt))


def find(model: type, token: str):
    """The row of ``model`` whose token this is, or ``None`` (a token is never shorter than 20 characters)."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        return None
    return session.scalar(select(model).where(model.token_hash == digest(token)))
