"""Engagements and their members."""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..errors import Conflict, Forbidden, NotFound
from ..models import Engagement, Membership, User
from ..permissions import member_or_404, require_role
from ..boundary import revoke
from .accounts import find_user
from .events import record


def _member_view(m: Membership) -> dict:
    return {"user": m.user, "side": m.side, "roles": m.roles}


def my_engagements(actor: User) -> list[dict]:
    """Every engagement of ``actor`` with their side and roles."""
    rows = session.execute(
        select(Engagement, Membership).join(Membership, Membership.engagement_id == Engagement.id)
        .where(Membership.user_id == actor.id).order_by(Engagement.created_at)
    )
    return [
        {"id": e.id, "name": e.name, "buyer_name": e.buyer_name, "provider_name": e.provider_name,
         "created_at": e.created_at, "side": m.side, "roles": m.roles}
        for e, m in rows
    ]


def create_engagement(actor: User, data: dict) -> Engagement:
    """A new engagement; its creator becomes admin on the side they name."""
    side = data.pop("side")
    engagement = Engagement(**data)
    session.add(engagement)
    session.flush()
    session.add(Membership(engagement_id=engagement.id, user_id=actor.id, side=side, roles=["member", "admin"]))
    record(actor, engagement.id, None, "engagement.created", {"id": engagement.id, "name": engagement.name})
    return engagement


def engagement_detail(actor: User, engagement_id: str) -> dict:
    """One engagement with its members and the caller's side and roles."""
    me = member_or_404(actor, engagement_id)
    e = me.engagement
    return {
        "id": e.id, "name": e.name, "buyer_name": e.buyer_name, "provider_name": e.provider_name,
        "created_at": e.created_at, "members": [_member_view(m) for m in e.memberships],
        "my_side": me.side, "my_roles": me.roles,
    }


def add_member(actor: User, engagement_id: str, data: dict) -> dict:
    """Admins add an existing user (by email) with a side and roles; re-adding updates them."""
    me = member_or_404(actor, engagement_id)
    require_role(me, "admin", "Only an engagement admin can add members.")
    user = find_user(data["email"])
    if user is None:
        raise NotFound(f"No user with email {data['email']}; create the account first.")
    roles = sorted(set(data["roles"]), key=data["roles"].index)
    m = session.get(Membership, (engagement_id, user.id))
    if m is None:
        m = Membership(engagement_id=engagement_id, user_id=user.id, side=data["side"], roles=roles, user=user)
        session.add(m)
    else:
        if m.has("admin") and "admin" not in roles:
            _keep_an_admin(engagement_id, user.id)
        m.side, m.roles = data["side"], roles
    session.flush()
    record(actor, engagement_id, None, "member.added", {"user_id": user.id, "side": m.side, "roles": roles})
    return _member_view(m)


def _keep_an_admin(engagement_id: str, leaving_user_id: str) -> None:
    others = session.scalars(
        select(Membership).where(Membership.engagement_id == engagement_id, Membership.user_id != leaving_user_id)
    )
    if not any(m.has("admin") for m in others):
        raise Conflict("An engagement needs at least one admin; make someone else admin first.")


def remove_member(actor: User, engagement_id: str, user_id: str) -> None:
    """Admins remove a member (anyone may leave); the last admin stays."""
    me = member_or_404(actor, engagement_id)
    if user_id != actor.id:
        require_role(me, "admin", "Only an engagement admin can remove members.")
    m = session.get(Membership, (engagement_id, user_id)) if isinstance(user_id, str) else None
    if m is None:
        raise NotFound("Member not found.")
    if m.has("admin"):
        _keep_an_admin(engagement_id, user_id)
    session.delete(m)
    session.flush()
    record(actor, engagement_id, None, "member.removed", {"user_id": user_id})
    revoke({"kind": "member_removed", "engagement": engagement_id, "user": user_id})


def require_admin(actor: User, engagement_id: str) -> Membership:
    """The actor's membership if they are an admin of the engagement."""
    me = member_or_404(actor, engagement_id)
    if not me.has("admin"):
        raise Forbidden("Only an engagement admin can do this.")
    return me
