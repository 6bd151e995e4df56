"""Sign-in, sign-out, personal access tokens, ``/me`` and "forgot password"."""
from __future__ import annotations

from flask import current_app, session as cookie
from flask_wtf.csrf import generate_csrf

from ..auth import current_user, require_user
from ..errors import Unauthorized
from ..extensions import Blueprint, limiter
from ..ratelimits import remote_address
from ..models import User
from ..schemas.accounts import (
    LoginResultSchema, LoginSchema, MeSchema, MessageSchema, PasswordResetRequestSchema, PasswordResetSchema,
    ProfileSchema, TokenRequestSchema, TokenSchema,
)
from ..schemas.common import UserSchema
from ..services import accounts, engagements, invitations
from . import PREFIX

blp = Blueprint("auth", __name__, url_prefix=PREFIX, description="Sign-in, tokens and accounts")
RESET_SENT = ("If an account uses this e-mail, a link to set a new password is on its way; it works once, "
              "for 1 hour. Nothing arrived? Check the address, or ask your engagement's admin.")


def sign_in(user: User) -> dict:
    """Start a browser session for ``user`` (ending this browser's previous one); the login answer."""
    accounts.end_session(cookie.get("sid"))
    cookie.clear()
    cookie["sid"] = accounts.start_session(user).id
    cookie.permanent = True
    return {"user": user, "csrf_token": generate_csrf()}


def _login_rate() -> str:
    return current_app.config["BOARD"].login_rate


def _failures_rate() -> str:
    return current_app.config["BOARD"].login_failures_rate


SIGN_IN = "sign-in"  # the login and the token door share one count per address and account
SIGN_IN_FAILURES = "sign-in-failures"  # and one count of wrong passwords per address, whatever the account


@blp.post("/auth/login")
@limiter.limit(_login_rate, scope=SIGN_IN)
@limiter.failures(_failures_rate, key_func=remote_address, scope=SIGN_IN_FAILURES, failed=Unauthorized)
@blp.arguments(LoginSchema)
@blp.response(200, LoginResultSchema)
def login(data):
    """Browser sign-in: sets the session cookie and answers the user and a CSRF token."""
    return sign_in(accounts.authenticate(data["email"], data["password"]))


@blp.post("/auth/logout")
@blp.response(204)
def logout():
    """Sign this browser out (its live sockets end too)."""
    require_user()
    accounts.end_session(cookie.get("sid"))
    cookie.clear()


@blp.post("/auth/token")
@limiter.limit(_login_rate, scope=SIGN_IN)
@limiter.failures(_failures_rate, key_func=remote_address, scope=SIGN_IN_FAILURES, failed=Unauthorized)
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
def token(data):
    """A personal access token for scripts, used as ``Authorization: Bearer``."""
    user = accounts.authenticate(data["email"], data["password"])
    return {"token": accounts.create_token(user, data["name"]), "name": data["name"]}


@blp.post("/auth/password-reset")
@limiter.limit(lambda: current_app.config["BOARD"].reset_rate)
@limiter.limit("30 per hour", key_func=remote_address)
@blp.arguments(PasswordResetRequestSchema)
@blp.response(202, MessageSchema)
def request_password_reset(data):
    """"Forgot password": e-mail a single-use link; the answer is the same for every e-mail."""
    accounts.request_password_reset(data["email"])
    return {"message": RESET_SENT}


@blp.post("/auth/password-reset/confirm")
@limiter.limit(_login_rate)
@blp.arguments(PasswordResetSchema)
@blp.response(200, LoginResultSchema)
def reset_password(data):
    """Set a new password from the e-mailed link; signs this browser in and every other one out."""
    return sign_in(accounts.reset_password(data["token"], data["password"]))


@blp.get("/me")
@blp.response(200, MeSchema)
def me():
    """The signed-in user, their engagements and pending invitations, and a CSRF token."""
    user = require_user()
    return {"user": user, "engagements": engagements.my_engagements(user), "invitations": invitations.mine(user),
            "csrf_token": generate_csrf()}


def _me_key() -> str:
    """Profile changes (which check the current password) are limited per account."""
    user = current_user()
    return f"me|{user.id if user else remote_address()}"


@blp.patch("/me")
@limiter.limit(_login_rate, key_func=_me_key)
@blp.arguments(ProfileSchema)
@blp.response(200, UserSchema)
def update_me(data):
    """Change my name, or my password (with the current one; my other browsers are signed out)."""
    return accounts.update_profile(require_user(), data, cookie.get("sid"))
