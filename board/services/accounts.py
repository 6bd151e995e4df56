"""Users, sign-in sessions, personal access tokens, profiles and "forgot password"."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select, update

from .. import passwords
from ..auth import check_password, digest, hash_password, new_secret
from ..db import new_id, session, utcnow
from ..errors import Conflict, Invalid, NotFound, Unauthorized
from ..models import ApiToken, AuthSession, PasswordReset, User
from ..outbox import SessionEnded, UserDisabled
from ..tokens import find, issue
from ..uow import outbox
from . import mail

RESET_PURPOSE = "password_reset"
RESET_VALID = timedelta(hours=1)


def find_user(email: str) -> User | None:
    """The user with ``email`` (case-insensitive)."""
    return session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, password: str | None, name: str, *, require_password: bool = False) -> User:
    """A new account; 409 if the email is taken. ``password`` ``None``: an account that cannot sign in yet."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise Invalid("email", "Not a valid email address.")
    if not name.strip():
        raise Invalid("name", "Give the person's name.")
    if password is None and require_password:
        raise Invalid("password", "Choose a password.")
    if password is not None:
        passwords.check(password, email=email, name=name)
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
        outbox().revoke(SessionEnded(sid))


def end_sessions(user: User, keep: str | None = None) -> None:
    """Sign every browser of ``user`` out but ``keep``; their live sockets end too."""
    ended = session.scalars(select(AuthSession.id).where(AuthSession.user_id == user.id, AuthSession.id != (keep or "")))
    for sid in list(ended):
        end_session(sid)


def create_token(user: User, name: str) -> str:
    """A new personal access token; the plain token is returned once and never stored."""
    token = "clb_" + new_secret()
    session.add(ApiToken(user_id=user.id, name=name, token_hash=digest(token)))
    session.flush()
    return token


def set_disabled(user: User, disabled: bool) -> None:
    """Disable (or re-enable) an account. Disabling ends its browser sessions and revokes its tokens for
    good: re-enabled, the person signs in again and makes new tokens."""
    user.disabled = disabled
    if disabled:
        session.execute(delete(AuthSession).where(AuthSession.user_id == user.id))
        session.execute(delete(ApiToken).where(ApiToken.user_id == user.id))
        outbox().revoke(UserDisabled(user.id))


def update_profile(user: User, data: dict, current_sid: str | None) -> User:
    """Change one's name, or password (with the current one); a new password signs out the other browsers."""
    if "name" in data:
        if not data["name"].strip():
            raise Invalid("name", "Give your name.")
        user.name = data["name"].strip()[:120]
    if "password" in data:
        if not check_password(user, data.get("current_password") or ""):
            raise Invalid("current_password", "This is not your current password.")
        passwords.check(data["password"], email=user.email, name=user.name)
        user.password_hash = hash_password(data["password"])
        end_sessions(user, keep=current_sid)
    elif "current_password" in data:
        raise Invalid("password", "Give the new password too.")
    session.flush()
    return user


def request_password_reset(email: str) -> None:
    """E-mail a single-use link to the account of ``email``, or a note that no active account uses it.

    The caller's answer is the same either way: only the mailbox's owner learns which it was.
    """
    user = find_user(email)
    if user is None or user.disabled:
        mail.queue("password_reset_unknown", None, email.strip().lower())
        return
    reset = PasswordReset(id=new_id(), user_id=user.id, expires_at=utcnow() + RESET_VALID)
    issue(RESET_PURPOSE, reset)
    session.add(reset)
    mail.queue(RESET_PURPOSE, reset.id, user.email)


def reset_password(token: str, password: str) -> User:
    """Set a new password from a reset link: once, before it expires; every browser is signed out."""
    reset = find(PasswordReset, token)
    user = session.get(User, reset.user_id) if reset is not None else None
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow() or user is None or user.disabled:
        raise NotFound("This link to set a new password is used or has expired; ask for a new one.")
    passwords.check(password, email=user.email, name=user.name)
    user.password_hash = hash_password(password)
    session.execute(update(PasswordReset).where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
                    .values(used_at=utcnow()))
    end_sessions(user)
    session.flush()
    return user
