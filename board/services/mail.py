"""E-mail as part of a change: queued in its transaction, composed from current data when sent."""
from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, render_template

from ..db import session, utcnow
from ..models import Invitation, OutboundMail, PasswordReset
from ..tokens import token_for
from ..uow import outbox

ROLE_WORDS = {"member": "member", "sponsor": "sponsor", "facilitator": "facilitator", "admin": "admin",
              "viewer": "viewer (read-only)"}


def queue(kind: str, ref_id: str | None, to_email: str) -> None:
    """Send ``kind`` about ``ref_id`` to ``to_email`` once this unit of work commits."""
    session.add(OutboundMail(kind=kind, ref_id=ref_id, to_email=to_email))
    outbox().wake_mail()


def link(path: str) -> str:
    """An absolute link into the web app (``BOARD_PUBLIC_URL``)."""
    return current_app.config["BOARD"].public_url + path


def roles_in_words(roles: list[str]) -> str:
    """``["member", "sponsor"]`` → ``member and sponsor``."""
    words = [ROLE_WORDS.get(r, r) for r in roles]
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else "member"


def _invitation(mail: OutboundMail) -> dict | None:
    inv = session.get(Invitation, mail.ref_id) if mail.ref_id else None
    if inv is None or inv.shown_status(utcnow()) != "pending":
        return None  # answered, revoked or expired before it went out
    e = inv.engagement
    inviter = inv.invited_by.name if inv.invited_by else "An admin"
    return {
        "subject": f"{inviter} invites you to {e.name} on Co-Learning Board",
        "inviter": inviter, "engagement": e, "side": inv.side, "roles": roles_in_words(inv.roles),
        "org": e.buyer_name if inv.side == "buyer" else e.provider_name,
        "link": link(f"/invite/{token_for('invitation', inv.id, inv.salt)}"), "expires_at": inv.expires_at,
    }


def _password_reset(mail: OutboundMail) -> dict | None:
    reset = session.get(PasswordReset, mail.ref_id) if mail.ref_id else None
    if reset is None or reset.used_at is not None or reset.expires_at <= utcnow():
        return None
    return {"subject": "Set a new password for Co-Learning Board", "expires_at": reset.expires_at,
            "link": link(f"/reset-password?token={token_for('password_reset', reset.id, reset.salt)}")}


def _no_account(mail: OutboundMail) -> dict | None:
    return {"subject": "Password reset requested for Co-Learning Board", "email": mail.to_email,
            "sign_in": link("/signin")}


KINDS = {"invitation": _invitation, "password_reset": _password_reset, "password_reset_unknown": _no_account}


def compose(mail: OutboundMail, sender: str) -> EmailMessage | None:
    """The message for one queued mail, or ``None`` when it no longer makes sense to send it."""
    context = KINDS[mail.kind](mail)
    if context is None:
        return None
    message = EmailMessage()
    message["Subject"] = context["subject"]
    message["From"] = sender
    message["To"] = mail.to_email
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="co-learning-board")
    message["X-Board-Mail-Id"] = mail.id
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_template(f"mail/{mail.kind}.txt", **context))
    message.add_alternative(render_template(f"mail/{mail.kind}.html", **context), subtype="html")
    return message
