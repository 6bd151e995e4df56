"""Users, sign-in sessions and personal access tokens."""
from __future__ import annotations

from sqlalchemy import delete, func, select

from ..auth import check_password, digest, hash_password, new_secret
from ..boundary import revoke
from ..db import session
from ..errors import Conflict, Invalid, Unauthorized
from ..models import ApiToken, AuthSession, User


def find_user(email: str) -> User | None:
    """The user with ``email`` (case-insensitive)."""
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, password: str | None, name: str) -> User:
    """A new account; 409 if the email is taken."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise Invalid("email", "Not a valid email address.")
    if password is not None and len(password) < 8:
        raise Invalid("password", "Use at least 8 characters.")
    if not name.strip():
        raise Invalid("name", "Give the person's name.")
    if find_user(email):
        raise Conflict(f"A user with email {email} already exists.")
    user = User(email=email, name=name.strip()[:120], password_hash=hash_password(password) if password else None)
    session.add(user)
    session.flush()
    return user


def authenticate(email: str, password: str) -> User:
    """The user whose credentials these are, or 401 (same answer for unknown email and wrong password)."""
    user = find_user(email)
    if not check_password(user, password):
        raise Unauthorized("Email or password is wrong.", code="bad_credentials")
    return user


def start_session(user: User) -> AuthSession:
    """A browser sign-in for ``user``."""
    auth_session = AuthSession(id=new_secret(), user_id=user.id)
    session.add(auth_session)
    session.flush()
    return auth_session


def end_session(sid: str | None) -> None:
    """Sign one browser out."""
    if sid:
        session.execute(delete(AuthSession).where(AuthSession.id == sid))
        revoke({"kind": "session_ended", "auth_session": sid})


def create_token(user: User, name: str) -> str:
    """A new personal access token; the plain token is returned once and never stored."""
    token = "clb_" + new_secret()
    session.add(ApiToken(user_id=user.id, name=name, token_hash=digest(token)))
    session.flush()
    return token


def set_disabled(user: User, disabled: bool) -> None:
    """Disable (or re-enable) an account; a disabled user's sessions and tokens stop working."""
    user.disabled = disabled
    if disabled:
        session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
        revoke({"kind": "user_disabled", "user": user.id})
