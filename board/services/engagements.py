"""Engagements and their members: who is in, on which side, with which roles.

Nobody is made a member by someone else: the creator of an engagement is its first admin, and every
other member joins by accepting an invitation (``services.invitations``) or is admitted by an
operator on the server (``board member add``). Each change is an event of the engagement and is
pushed to its members' open sockets.
"""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..errors import Conflict, Invalid, NotFound
from ..models import Engagement, Event, Membership, User
from ..outbox import MemberRemoved
from ..permissions import MANAGE_MEMBERS, capabilities, member_or_404, require
from ..uow import outbox
from .accounts import find_user
from .events import record


def member_view(m: Membership) -> dict:
    """A member as the API shows them."""
    return {"user": m.user, "side": m.side, "roles": m.roles, "joined_at": m.created_at}


def mine_view(e: Engagement, m: Membership) -> dict:
    """An engagement as one of its members lists it: with their side and roles."""
    return {"id": e.id, "name": e.name, "buyer_name": e.buyer_name, "provider_name": e.provider_name,
            "created_at": e.created_at, "side": m.side, "roles": m.roles, "capabilities": capabilities(m)}


def my_engagements(actor: User) -> list[dict]:
    """Every engagement of ``actor`` with their side and roles."""
    rows = session.execute(
        select(Engagement, Membership).join(Membership, Membership.engagement_id == Engagement.id)
        .where(Membership.user_id == actor.id).order_by(Engagement.created_at)
    )
    return [mine_view(e, m) for e, m in rows]


def announce(actor: User | None, engagement_id: str, type_: str, data: dict, also=()) -> dict:
    """Record an engagement-level event and push it, after commit, to every member (and ``also``)."""
    message = {**record(actor, engagement_id, None, type_, data), "engagement": engagement_id}
    members = session.scalars(select(Membership.user_id).where(Membership.engagement_id == engagement_id))
    outbox().push([*members, *also], "engagement", message)
    return message


def create_engagement(actor: User, data: dict) -> Engagement:
    """A new engagement; its creator becomes admin on the side they name."""
    side = data.pop("side")
    engagement = Engagement(**data)
    session.add(engagement)
    session.flush()
    session.add(Membership(engagement_id=engagement.id, user_id=actor.id, side=side, roles=["member", "admin"]))
    announce(actor, engagement.id, "engagement.created", {"id": engagement.id, "name": engagement.name})
    return engagement


def engagement_detail(actor: User, engagement_id: str) -> dict:
    """One engagement with its members and the caller's side and roles."""
    me = member_or_404(actor, engagement_id)
    e = me.engagement
    return {
        "id": e.id, "name": e.name, "buyer_name": e.buyer_name, "provider_name": e.provider_name,
        "created_at": e.created_at, "members": [member_view(m) for m in e.memberships],
        "my_side": me.side, "my_roles": me.roles, "my_capabilities": capabilities(me),
    }


def check_roles(side: str, roles: list[str]) -> list[str]:
    """The roles in order, once each, if they fit ``side`` (422 otherwise)."""
    roles = list(dict.fromkeys(roles))
    if "viewer" in roles and len(roles) > 1:
        raise Invalid("roles", "A viewer is read-only and holds no other role.")
    if "sponsor" in roles and side != "buyer":
        raise Invalid("roles", "Sponsors are always on the buyer side.")
    return roles


def join(user: User, engagement_id: str, side: str, roles: list[str]) -> Membership:
    """Make ``user`` a member (their own acceptance, or an operator's say-so: never an admin's alone)."""
    m = Membership(engagement_id=engagement_id, user_id=user.id, side=side, roles=check_roles(side, roles), user=user)
    session.add(m)
    session.flush()
    return m


def admit(engagement_id: str, email: str, side: str, roles: list[str]) -> dict:
    """The operator's path (``board member add``): add an existing account, or update its roles."""
    engagement = session.get(Engagement, engagement_id)
    user = find_user(email)
    if engagement is None:
        raise NotFound(f"No engagement with id {engagement_id}.")
    if user is None:
        raise NotFound(f"No account with email {email}; create it first with `board user create`.")
    m = session.get(Membership, (engagement_id, user.id))
    if m is None:
        m = join(user, engagement_id, side, roles)
    else:
        if m.side != side:
            raise Conflict(f"{email} is a member on the {m.side} side; remove them first to change sides.")
        _set_roles(m, roles)
    announce(None, engagement_id, "member.added", {"user_id": user.id, "name": user.name, "side": m.side,
                                                  "roles": m.roles})
    return member_view(m)


def _keep_an_admin(engagement_id: str, leaving_user_id: str) -> None:
    others = session.scalars(
        select(Membership).where(Membership.engagement_id == engagement_id, Membership.user_id != leaving_user_id)
    )
    if not any(m.has("admin") for m in others):
        raise Conflict("An engagement needs at least one admin; make someone else admin first.", code="last_admin")


def _set_roles(m: Membership, roles: list[str]) -> None:
    roles = check_roles(m.side, roles)
    if m.has("admin") and "admin" not in roles:
        _keep_an_admin(m.engagement_id, m.user_id)
    m.roles = roles
    session.flush()


def _member(engagement_id: str, user_id: str) -> Membership:
    m = session.get(Membership, (engagement_id, user_id)) if isinstance(user_id, str) else None
    if m is None:
        raise NotFound("Member not found.")
    return m


def change_roles(actor: User, engagement_id: str, user_id: str, roles: list[str]) -> dict:
    """Admins change a member's roles (the side stays); the last admin keeps ``admin``."""
    me = member_or_404(actor, engagement_id)
    require(me, MANAGE_MEMBERS, "Only an engagement admin can change roles.")
    m = _member(engagement_id, user_id)
    before = list(m.roles)
    _set_roles(m, roles)
    if m.roles != before:
        announce(actor, engagement_id, "member.roles_changed",
                 {"user_id": m.user_id, "name": m.user.name, "roles": m.roles, "before": before})
    return member_view(m)


def remove_member(actor: User, engagement_id: str, user_id: str) -> None:
    """Admins remove a member, or a member leaves; the last admin stays."""
    me = member_or_404(actor, engagement_id)
    leaving = user_id == actor.id
    if not leaving:
        require(me, MANAGE_MEMBERS, "Only an engagement admin can remove members.")
    m = _member(engagement_id, user_id)
    if m.has("admin"):
        _keep_an_admin(engagement_id, user_id)
    name = m.user.name
    session.delete(m)
    session.flush()
    announce(actor, engagement_id, "member.left" if leaving else "member.removed",
             {"user_id": user_id, "name": name}, also=[user_id])
    outbox().revoke(MemberRemoved(engagement_id, user_id))


def engagement_events(actor: User, engagement_id: str, limit: int = 100) -> list[Event]:
    """The engagement's own log (not its initiatives'), newest first, for its members."""
    member_or_404(actor, engagement_id)
    return list(session.scalars(
        select(Event).where(Event.engagement_id == engagement_id, Event.initiative_id.is_(None))
        .order_by(Event.at.desc(), Event.id.desc()).limit(limit)))
