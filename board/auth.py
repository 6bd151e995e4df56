"""Who is calling: session cookie or personal access token, and password hashing."""
from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from flask import g, request, session as cookie
from sqlalchemy import bindparam, select

from .db import session
from .errors import Unauthorized
from .models import ApiToken, AuthSession, User

_hasher = PasswordHasher()
# Verifying against this keeps the time of "no such user" equal to "wrong password".
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password``."""
    return _hasher.hash(password)


def check_password(user: User | None, password: str) -> bool:
    """Whether ``password`` is ``user``'s, in constant time whether or not the user exists."""
    try:
        return _hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password) and bool(
            user and user.password_hash and not user.disabled
        )
    except (VerifyMismatchError, InvalidHashError):
        return False


def new_secret() -> str:
    """A random secret for a session or token."""
    return secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def bearer_token() -> str | None:
    """The token of an ``Authorization: Bearer`` header, if any."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


# built once: one of them runs on every request (see services/events.py)
_BY_TOKEN = (select(User).join(ApiToken, ApiToken.user_id == User.id)
             .where(ApiToken.token_hash == bindparam("hash"), User.disabled.is_(False)))
_BY_SESSION = (select(User).join(AuthSession, AuthSession.user_id == User.id)
               .where(AuthSession.id == bindparam("sid"), User.disabled.is_(False)))


def user_from_token(token: str) -> User | None:
    """The enabled user a personal access token belongs to."""
    return session.scalar(_BY_TOKEN, {"hash": digest(token)})


def user_from_session_id(sid: str | None) -> User | None:
    """The enabled user of a live browser sign-in."""
    if not sid:
        return None
    return session.scalar(_BY_SESSION, {"sid": sid})


def current_user() -> User | None:
    """The caller of this request, resolved once per request."""
    if "user" not in g:
        token = bearer_token()
        g.via_token = token is not None
        g.user = user_from_token(token) if token else user_from_session_id(cookie.get("sid"))
    return g.user


def require_user() -> User:
    """The caller, or 401."""
    user = current_user()
    if user is None:
        raise Unauthorized("Sign in first (session cookie or Authorization: Bearer token).")
    return user
