"""Engagements and members."""
from __future__ import annotations

from flask_smorest import Blueprint

from ..auth import require_user
from ..schemas.accounts import MyEngagementSchema
from ..schemas.engagements import EngagementDetailSchema, EngagementSchema, MemberSchema
from ..services import engagements
from . import PREFIX

blp = Blueprint("engagements", __name__, url_prefix=PREFIX, description="Engagements and members")


@blp.get("/engagements")
@blp.response(200, MyEngagementSchema(many=True))
def list_engagements():
    """The caller's engagements with their side and roles."""
    return engagements.my_engagements(require_user())


@blp.post("/engagements")
@blp.arguments(EngagementSchema)
@blp.response(201, EngagementDetailSchema)
def create_engagement(data):
    """Create an engagement; the creator becomes its admin on the side they name."""
    user = require_user()
    engagement = engagements.create_engagement(user, data)
    return engagements.engagement_detail(user, engagement.id)


@blp.get("/engagements/<engagement_id>")
@blp.response(200, EngagementDetailSchema)
def get_engagement(engagement_id):
    """One engagement with its members."""
    return engagements.engagement_detail(require_user(), engagement_id)


@blp.post("/engagements/<engagement_id>/members")
@blp.arguments(MemberSchema)
@blp.response(201, MemberSchema)
def add_member(data, engagement_id):
    """Admins add a member (by email) with a side and roles."""
    return engagements.add_member(require_user(), engagement_id, data)


@blp.delete("/engagements/<engagement_id>/members/<user_id>")
@blp.response(204)
def remove_member(engagement_id, user_id):
    """Admins remove a member; it takes effect on their live sockets at once."""
    engagements.remove_member(require_user(), engagement_id, user_id)
