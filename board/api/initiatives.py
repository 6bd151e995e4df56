"""Initiatives, their access grants and power-ups."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.events import PowerUpsSchema
from ..schemas.initiatives import AccessGrantSchema, InitiativeCreateSchema, InitiativeSchema, initiative_patch_schema
from ..services import grants, initiatives, readside
from . import PREFIX

blp = Blueprint("initiatives", __name__, url_prefix=PREFIX, description="Initiatives, access grants, power-ups")


@blp.get("/engagements/<engagement_id>/initiatives")
@blp.response(200, InitiativeSchema(many=True))
def list_initiatives(engagement_id):
    """An engagement's initiatives."""
    return initiatives.list_initiatives(require_user(), engagement_id)


@blp.post("/engagements/<engagement_id>/initiatives")
@blp.arguments(InitiativeCreateSchema)
@blp.response(201, InitiativeSchema)
def create_initiative(data, engagement_id):
    """Start an initiative."""
    return initiatives.create_initiative(require_user(), engagement_id, data)


@blp.get("/initiatives/<initiative_id>")
@blp.response(200, InitiativeSchema)
def get_initiative(initiative_id):
    """One initiative."""
    return initiatives.get_initiative(require_user(), initiative_id)


@blp.patch("/initiatives/<initiative_id>")
@blp.arguments(initiative_patch_schema)
@blp.response(200, InitiativeSchema)
def update_initiative(data, initiative_id):
    """Change an initiative, based on its ``version``."""
    return initiatives.update_initiative(require_user(), initiative_id, data)


@blp.get("/initiatives/<initiative_id>/access-grants")
@blp.response(200, AccessGrantSchema(many=True))
def list_grants(initiative_id):
    """The initiative's access grants, newest first, each with ``live``."""
    return grants.grant_views(require_user(), initiative_id)


@blp.post("/initiatives/<initiative_id>/access-grants")
@blp.arguments(AccessGrantSchema)
@blp.response(201, AccessGrantSchema)
def create_grant(data, initiative_id):
    """A buyer member grants the provider ``process`` or ``customers`` access."""
    return grants.grant(require_user(), initiative_id, data)


@blp.post("/access-grants/<grant_id>/revoke")
@blp.response(200, AccessGrantSchema)
def revoke_grant(grant_id):
    """A buyer member revokes a grant."""
    return grants.revoke(require_user(), grant_id)


@blp.get("/initiatives/<initiative_id>/power-ups")
@blp.response(200, PowerUpsSchema)
def power_ups(initiative_id):
    """Courage, budget and story: each ``{level, facts, next}``."""
    return readside.power_ups(require_user(), initiative_id)
