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

from .auth import digest


def new_salt() -> str:
    """A fresh salt: a new salt is a new token (and the old one stops working)."""
    return secrets.token_urlsafe(16)


def token_for(purpose: str, row_id: str, salt: str) -> str:
    """The token of one row: 256 bits, URL-safe."""
    key = current_app.config["SECRET_KEY"].encode()
    mac = hmac.new(key, f"{purpose}:{row_id}:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def token_hash(purpose: str, row_id: str, salt: str) -> str:
    """What the row stores to find itself from its token."""
    return digest(token_for(purpose, row_id, salt))
