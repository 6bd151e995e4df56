"""Invitations: an admin invites an e-mail address; only the person who accepts becomes a member.

The admin's answer never depends on whether the address has an account. The link carries a
single-use token (``board.tokens``) that expires; accepting needs the invited address's account —
signed in, or created on the spot from the link.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ..db import new_id, session, utcnow
from ..errors import Conflict, Forbidden, NotFound
from ..models import Invitation, Membership, OutboundMail, User
from ..permissions import MANAGE_MEMBERS, member_or_404, require
from ..schemas.engagements import invitation_view_schema
from ..tokens import find, issue, token_for
from ..uow import outbox
from . import accounts, engagements, mail

PURPOSE = "invitation"


def _days() -> timedelta:
    return timedelta(days=current_app.config["BOARD"].invitation_days)


def _link(inv: Invitation) -> str:
    return mail.link(f"/invite/{token_for(PURPOSE, inv.id, inv.salt)}")


def _new_token(inv: Invitation) -> None:
    """A fresh token and expiry: any older link of this invitation stops working."""
    issue(PURPOSE, inv)
    inv.expires_at = utcnow() + _days()


def _last_mails(ids: list[str]) -> dict[str, OutboundMail]:
    """The latest e-mail of each invitation, in one query."""
    rows = session.scalars(select(OutboundMail).where(OutboundMail.ref_id.in_(ids), OutboundMail.kind == PURPOSE)
                           .order_by(OutboundMail.created_at)) if ids else []
    return {m.ref_id: m for m in rows}


def admin_view(inv: Invitation, last_mail: OutboundMail | None = None) -> dict:
    """An invitation as the engagement's admins see it (with its link while it is pending)."""
    status = inv.shown_status(utcnow())
    last_mail = last_mail or _last_mails([inv.id]).get(inv.id)
    return {
        "id": inv.id, "engagement_id": inv.engagement_id, "email": inv.email, "side": inv.side, "roles": inv.roles,
        "status": status, "created_at": inv.created_at, "expires_at": inv.expires_at, "answered_at": inv.answered_at,
        "invited_by": inv.invited_by, "link": _link(inv) if status == "pending" else None,
        "email_status": last_mail.status if last_mail else None,
        "email_error": last_mail.last_error if last_mail and last_mail.status != "sent" else None,
    }


def invitee_view(inv: Invitation) -> dict:
    """What the holder of the link sees: the engagement, both organisations, side, roles, who invited."""
    e = inv.engagement
    return {
        "engagement": {"name": e.name, "buyer_name": e.buyer_name, "provider_name": e.provider_name},
        "email": inv.email, "side": inv.side, "roles": inv.roles, "status": inv.shown_status(utcnow()),
        "expires_at": inv.expires_at, "invited_by": {"name": inv.invited_by.name if inv.invited_by else "An admin"},
        "account_exists": accounts.find_user(inv.email) is not None,
    }


def mine_view(inv: Invitation) -> dict:
    """A pending invitation in ``GET /me``."""
    e = inv.engagement
    return {"id": inv.id, "engagement": {"name": e.name, "buyer_name": e.buyer_name, "provider_name": e.provider_name},
            "side": inv.side, "roles": inv.roles, "invited_by": inv.invited_by, "created_at": inv.created_at,
            "expires_at": inv.expires_at}


def _event_data(inv: Invitation, **more) -> dict:
    return {"invitation_id": inv.id, "email": inv.email, "side": inv.side, "roles": inv.roles, **more}


def invite(actor: User, engagement_id: str, data: dict) -> dict:
    """An admin invites ``email`` to ``side`` with ``roles``; the e-mail goes out after commit."""
    me = member_or_404(actor, engagement_id)
    require(me, MANAGE_MEMBERS, "Only an engagement admin can invite people.")
    email = data["email"].strip().lower()
    roles = engagements.check_roles(data["side"], data["roles"])
    member = session.scalar(select(Membership.user_id).join(User, User.id == Membership.user_id)
                            .where(Membership.engagement_id == engagement_id, func.lower(User.email) == email))
    if member:
        raise Conflict(f"{email} is already a member of this engagement.", code="already_member")
    if session.scalar(select(Invitation.id).where(Invitation.engagement_id == engagement_id, Invitation.email == email,
                                                  Invitation.status == "pending", Invitation.expires_at > utcnow())):
        raise Conflict(f"{email} is already invited; resend or revoke that invitation.", code="already_invited")
    inv = Invitation(id=new_id(), engagement_id=engagement_id, email=email, side=data["side"], roles=roles,
                     status="pending", invited_by_id=actor.id, invited_by=actor, created_at=utcnow())
    _new_token(inv)
    session.add(inv)
    mail.queue(PURPOSE, inv.id, email)
    session.flush()
    engagements.announce(actor, engagement_id, "invitation.created", _event_data(inv))
    invitee = accounts.find_user(email)
    if invitee is not None:  # their open sockets learn of it; nothing of this reaches the admin's answer
        outbox().push([invitee.id], "invitation", {"type": "invitation.received", "invitation_id": inv.id})
    return admin_view(inv)


def list_invitations(actor: User, engagement_id: str) -> list[dict]:
    """Every invitation of the engagement, newest first (admins)."""
    me = member_or_404(actor, engagement_id)
    require(me, MANAGE_MEMBERS, "Only an engagement admin can see its invitations.")
    rows = list(session.scalars(select(Invitation).where(Invitation.engagement_id == engagement_id)
                                .order_by(Invitation.created_at.desc())))
    mails = _last_mails([inv.id for inv in rows])
    return [admin_view(inv, mails.get(inv.id)) for inv in rows]


def _administered(actor: User, invitation_id: str) -> Invitation:
    """An invitation of an engagement the actor administers (404 for non-members, 403 for members)."""
    inv = session.get(Invitation, invitation_id) if isinstance(invitation_id, str) else None
    if inv is None:
        raise NotFound("Invitation not found.")
    me = member_or_404(actor, inv.engagement_id, "Invitation")
    require(me, MANAGE_MEMBERS, "Only an engagement admin can change invitations.")
    return inv


def resend(actor: User, invitation_id: str) -> dict:
    """A new link (the old one stops working) for 7 more days, e-mailed again; only while unanswered."""
    inv = _administered(actor, invitation_id)
    if inv.status != "pending":
        raise Conflict(f"This invitation was {inv.status}; invite {inv.email} again instead.", code="not_pending",
                       current=invitation_view_schema.dump(admin_view(inv)))
    _new_token(inv)
    mail.queue(PURPOSE, inv.id, inv.email)
    session.flush()
    engagements.announce(actor, inv.engagement_id, "invitation.resent", _event_data(inv))
    return admin_view(inv)


def revoke(actor: User, invitation_id: str) -> dict:
    """Withdraw a pending invitation: its link stops working."""
    inv = _administered(actor, invitation_id)
    if inv.status != "pending":
        raise Conflict(f"This invitation was already {inv.status}.", code="not_pending", current=invitation_view_schema.dump(admin_view(inv)))
    inv.status, inv.answered_at = "revoked", utcnow()
    session.flush()
    engagements.announce(actor, inv.engagement_id, "invitation.revoked", _event_data(inv))
    return admin_view(inv)


def by_token(token: str) -> Invitation:
    """The invitation a link's token opens, or 404."""
    inv = find(Invitation, token)
    if inv is None:
        raise NotFound("This invitation link is not valid: check that it was copied whole, or ask for a new one.")
    return inv


def _answerable(inv: Invitation) -> None:
    status = inv.shown_status(utcnow())
    if status == "expired":
        raise Conflict("This invitation has expired; ask the engagement's admin to send it again.",
                       code="invitation_expired")
    if status == "revoked":
        raise Conflict("This invitation was withdrawn by the engagement's admin.", code="invitation_revoked")
    if status != "pending":
        raise Conflict(f"This invitation was already {status}.", code="invitation_answered")


def _for_me(inv: Invitation, user: User) -> None:
    if user.email.lower() != inv.email:
        raise Forbidden(f"This invitation is for {inv.email}, and you are signed in as {user.email}. "
                        "Sign out, then sign in (or create the account) with the invited e-mail.", code="wrong_account")


def accept(inv: Invitation, user: User | None, name: str | None = None, password: str | None = None) -> tuple[dict, User]:
    """Accept as the signed-in ``user``, or create the invited address's account from ``name`` and ``password``.

    Answers the engagement as the new member lists it, and the account.
    """
    _answerable(inv)
    if user is None:
        if accounts.find_user(inv.email) is not None:
            raise Conflict("An account already uses this e-mail: sign in to accept the invitation.",
                           code="account_exists")
        user = accounts.create_user(inv.email, password, name or "", require_password=True)
    _for_me(inv, user)
    m = session.get(Membership, (inv.engagement_id, user.id)) or engagements.join(user, inv.engagement_id, inv.side,
                                                                                  inv.roles)
    inv.status, inv.answered_at, inv.answered_by_id = "accepted", utcnow(), user.id
    session.flush()
    engagements.announce(user, inv.engagement_id, "invitation.accepted",
                         _event_data(inv, user_id=user.id, name=user.name, side=m.side, roles=m.roles))
    return engagements.mine_view(inv.engagement, m), user


def decline(inv: Invitation, user: User | None) -> dict:
    """Say no: nothing of the engagement changes but the invitation's status."""
    _answerable(inv)
    if user is not None:
        _for_me(inv, user)
    inv.status, inv.answered_at, inv.answered_by_id = "declined", utcnow(), user.id if user else None
    session.flush()
    engagements.announce(user, inv.engagement_id, "invitation.declined", _event_data(inv))
    return invitee_view(inv)


def mine(user: User) -> list[dict]:
    """The pending, unexpired invitations to ``user``'s e-mail, newest first."""
    rows = session.scalars(select(Invitation).where(Invitation.email == user.email.lower(),
                                                    Invitation.status == "pending", Invitation.expires_at > utcnow())
                           .order_by(Invitation.created_at.desc()))
    return [mine_view(inv) for inv in rows]


def my_invitation(user: User, invitation_id: str) -> Invitation:
    """One invitation to ``user``'s own e-mail, or 404 (others' invitations do not exist for them)."""
    inv = session.get(Invitation, invitation_id) if isinstance(invitation_id, str) else None
    if inv is None or inv.email != user.email.lower():
        raise NotFound("Invitation not found.")
    return inv
