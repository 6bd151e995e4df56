"""Answering an invitation: by its link's token (signed in or not), or from ``GET /me``."""
from __future__ import annotations

from flask_wtf.csrf import generate_csrf

from ..auth import current_user, require_user
from ..extensions import Blueprint
from ..schemas.engagements import AcceptResultSchema, AcceptSchema, InvitationPreviewSchema
from ..services import invitations
from . import PREFIX
from .auth import sign_in

blp = Blueprint("invitations", __name__, url_prefix=PREFIX, description="Answering invitations")


@blp.get("/invitations/<invitation>")
@blp.response(200, InvitationPreviewSchema)
def preview(invitation):
    """What an invitation link offers (``invitation``: the link's token): the engagement, organisations, side, roles."""
    return invitations.invitee_view(invitations.by_token(invitation))


@blp.post("/invitations/<token>/accept")
@blp.arguments(AcceptSchema)
@blp.response(200, AcceptResultSchema)
def accept(data, token):
    """Accept as the invited account (signed in), or create it with ``name`` and ``password`` and sign in."""
    user = current_user()
    engagement, member = invitations.accept(invitations.by_token(token), user, data.get("name"), data.get("password"))
    signed_in = sign_in(member) if user is None else {"user": member, "csrf_token": generate_csrf()}
    return {"engagement": engagement, **signed_in}


@blp.post("/invitations/<token>/decline")
@blp.response(200, InvitationPreviewSchema)
def decline(token):
    """Decline an invitation (no sign-in needed; signed in, it must be yours)."""
    return invitations.decline(invitations.by_token(token), current_user())


@blp.post("/me/invitations/<invitation_id>/accept")
@blp.response(200, AcceptResultSchema)
def accept_mine(invitation_id):
    """Accept one of my pending invitations (listed in ``GET /me``)."""
    user = require_user()
    engagement, _ = invitations.accept(invitations.my_invitation(user, invitation_id), user)
    return {"engagement": engagement, "user": user, "csrf_token": generate_csrf()}


@blp.post("/me/invitations/<invitation_id>/decline")
@blp.response(200, InvitationPreviewSchema)
def decline_mine(invitation_id):
    """Decline one of my pending invitations."""
    user = require_user()
    return invitations.decline(invitations.my_invitation(user, invitation_id), user)
