"""Engagements, members, their log and first-run checklist, and admins' invitations."""
from __future__ import annotations

from flask import current_app

from ..auth import current_user, require_user
from ..extensions import Blueprint, limiter
from ..ratelimits import remote_address
from ..schemas.accounts import MyEngagementSchema
from ..schemas.engagements import (
    ChecklistSchema, EngagementDetailSchema, EngagementEventQuerySchema, EngagementSchema, InvitationCreateSchema,
    InvitationSchema, MemberRolesSchema, MemberSchema,
)
from ..schemas.events import EventSchema
from ..services import checklist, engagements, invitations
from . import PREFIX

blp = Blueprint("engagements", __name__, url_prefix=PREFIX, description="Engagements, members and invitations")


def _inviter() -> str:
    """Invitations are rate-limited per admin (per address before sign-in is known)."""
    user = current_user()
    return f"invite|{user.id}" if user else f"invite|{remote_address()}"


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


@blp.patch("/engagements/<engagement_id>/members/<user_id>")
@blp.arguments(MemberRolesSchema)
@blp.response(200, MemberSchema)
def change_roles(data, engagement_id, user_id):
    """Admins change a member's roles; the last admin keeps ``admin``."""
    return engagements.change_roles(require_user(), engagement_id, user_id, data["roles"])


@blp.delete("/engagements/<engagement_id>/members/<user_id>")
@blp.response(204)
def remove_member(engagement_id, user_id):
    """Admins remove a member, or a member leaves; it takes effect on their live sockets at once."""
    engagements.remove_member(require_user(), engagement_id, user_id)


@blp.get("/engagements/<engagement_id>/events")
@blp.arguments(EngagementEventQuerySchema, location="query")
@blp.response(200, EventSchema(many=True))
def engagement_events(query, engagement_id):
    """The engagement's own log (creation, invitations, members), newest first."""
    return engagements.engagement_events(require_user(), engagement_id, query["limit"])


@blp.get("/engagements/<engagement_id>/checklist")
@blp.response(200, ChecklistSchema)
def get_checklist(engagement_id):
    """The first-run checklist, ticked from recorded facts."""
    return checklist.checklist(require_user(), engagement_id)


@blp.post("/engagements/<engagement_id>/invitations")
@limiter.limit(lambda: current_app.config["BOARD"].invite_rate, key_func=_inviter)
@blp.arguments(InvitationCreateSchema)
@blp.response(201, InvitationSchema)
def invite(data, engagement_id):
    """Admins invite an e-mail address to a side with roles; the same answer whether or not it has an account."""
    return invitations.invite(require_user(), engagement_id, data)


@blp.get("/engagements/<engagement_id>/invitations")
@blp.response(200, InvitationSchema(many=True))
def list_invitations(engagement_id):
    """Admins: every invitation of the engagement, newest first."""
    return invitations.list_invitations(require_user(), engagement_id)


@blp.post("/invitations/<invitation_id>/resend")
@limiter.limit(lambda: current_app.config["BOARD"].invite_rate, key_func=_inviter)
@blp.response(200, InvitationSchema)
def resend_invitation(invitation_id):
    """Admins: a new link for a pending invitation, e-mailed again."""
    return invitations.resend(require_user(), invitation_id)


@blp.delete("/invitations/<invitation>")
@blp.response(200, InvitationSchema)
def revoke_invitation(invitation):
    """Admins revoke a pending invitation (by its id); its link stops working."""
    return invitations.revoke(require_user(), invitation)
