"""Sign-in, sign-out, personal access tokens and ``/me``."""
from __future__ import annotations

from flask import current_app, session as cookie
from flask_smorest import Blueprint
from flask_wtf.csrf import generate_csrf

from ..auth import require_user
from ..extensions import limiter
from ..schemas.accounts import LoginResultSchema, LoginSchema, MeSchema, TokenRequestSchema, TokenSchema
from ..services import accounts, engagements
from . import PREFIX

blp = Blueprint("auth", __name__, url_prefix=PREFIX, description="Sign-in and tokens")


@blp.post("/auth/login")
@limiter.limit(lambda: current_app.config["BOARD"].login_rate)
@blp.arguments(LoginSchema)
@blp.response(200, LoginResultSchema)
def login(data):
    """Browser sign-in: sets the session cookie and answers the user and a CSRF token."""
    user = accounts.authenticate(data["email"], data["password"])
    accounts.end_session(cookie.get("sid"))
    cookie.clear()
    cookie["sid"] = accounts.start_session(user).id
    cookie.permanent = True
    return {"user": user, "csrf_token": generate_csrf()}


@blp.post("/auth/logout")
@blp.response(204)
def logout():
    """Sign this browser out (its live sockets end too)."""
    require_user()
    accounts.end_session(cookie.get("sid"))
    cookie.clear()


@blp.post("/auth/token")
@limiter.limit(lambda: current_app.config["BOARD"].login_rate)
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
def token(data):
    """A personal access token for scripts, used as ``Authorization: Bearer``."""
    user = accounts.authenticate(data["email"], data["password"])
    return {"token": accounts.create_token(user, data["name"]), "name": data["name"]}


@blp.get("/me")
@blp.response(200, MeSchema)
def me():
    """The signed-in user, their engagements with side and roles, and a CSRF token."""
    user = require_user()
    return {"user": user, "engagements": engagements.my_engagements(user), "csrf_token": generate_csrf()}
