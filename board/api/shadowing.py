"""Shadowing sessions."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.shadowing import ShadowingCreateSchema, ShadowingSessionSchema, shadowing_patch_schema
from ..services import shadowing
from . import PREFIX

blp = Blueprint("shadowing", __name__, url_prefix=PREFIX, description="Shadowing log")


@blp.get("/initiatives/<initiative_id>/shadowing-sessions")
@blp.response(200, ShadowingSessionSchema(many=True))
def list_sessions(initiative_id):
    """The initiative's shadowing sessions, latest first."""
    return shadowing.list_sessions(require_user(), initiative_id)


@blp.post("/initiatives/<initiative_id>/shadowing-sessions")
@blp.arguments(ShadowingCreateSchema)
@blp.response(201, ShadowingSessionSchema)
def create_session(data, initiative_id):
    """Log a shadowing session (customer contact needs a live customers grant)."""
    return shadowing.create_session(require_user(), initiative_id, data)


@blp.get("/shadowing-sessions/<session_id>")
@blp.response(200, ShadowingSessionSchema)
def get_session(session_id):
    """One shadowing session."""
    return shadowing.get_session(require_user(), session_id)


@blp.patch("/shadowing-sessions/<session_id>")
@blp.arguments(shadowing_patch_schema)
@blp.response(200, ShadowingSessionSchema)
def update_session(data, session_id):
    """Edit a shadowing session based on its ``version``."""
    return shadowing.update_session(require_user(), session_id, data)
