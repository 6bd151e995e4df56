"""Notifications: stored for the next sign-in, and pushed live after commit."""
from __future__ import annotations

import re

from sqlalchemy import select, update

from ..db import session, utcnow
from ..models import Membership, Notification, User
from ..permissions import own_notification
from ..uow import outbox


def view(n: Notification) -> dict:
    """The wire form of a notification."""
    return {
        "id": n.id, "kind": n.kind, "text": n.text, "engagement_id": n.engagement_id,
        "initiative_id": n.initiative_id, "card_id": n.card_id, "request_id": n.request_id,
        "actor": {"id": n.actor.id, "name": n.actor.name} if n.actor else None,
        "created_at": n.created_at, "read": n.read_at is not None, "done": n.done_at is not None,
    }


def send(user_ids, kind: str, text: str, *, engagement_id: str, actor: User | None = None,
         initiative_id: str | None = None, card_id: str | None = None, request_id: str | None = None) -> None:
    """Notify each member in ``user_ids`` (never the actor themself)."""
    for user_id in dict.fromkeys(user_ids):
        if actor is not None and user_id == actor.id:
            continue
        n = Notification(user_id=user_id, engagement_id=engagement_id, initiative_id=initiative_id, kind=kind,
                         text=text, card_id=card_id, request_id=request_id, actor_id=actor.id if actor else None,
                         actor=actor, created_at=utcnow())
        session.add(n)
        session.flush()
        outbox().notify(user_id, view(n))


def resolve(kind: str, request_id: str) -> None:
    """What every ``kind`` notification about ``request_id`` asked for is done (by anyone): each is
    marked done and read, and its reader's open sockets get it again so the bell's count drops."""
    now = utcnow()
    for n in session.scalars(select(Notification).where(Notification.kind == kind, Notification.request_id == request_id,
                                                        Notification.done_at.is_(None))):
        n.done_at, n.read_at = now, n.read_at or now
        outbox().notify(n.user_id, view(n))
    session.flush()


MENTION = re.compile(r"(?<![\w@])@([\w][\w.\-]*[\w]|[\w])")


def mentioned(engagement_id: str, text: str) -> list[str]:
    """Members named in ``text`` as ``@first.last`` (the e-mail's local part) or ``@Firstname`` when unique."""
    handles = {h.lower() for h in MENTION.findall(text)}
    if not handles:
        return []
    members = list(session.scalars(select(Membership).where(Membership.engagement_id == engagement_id)))
    first_names: dict[str, list[str]] = {}
    for m in members:
        first_names.setdefault(m.user.name.split()[0].lower() if m.user.name.split() else "", []).append(m.user_id)
    found = []
    for m in members:
        local = m.user.email.split("@")[0].lower()
        first = m.user.name.split()[0].lower() if m.user.name.split() else ""
        if local in handles or (first in handles and len(first_names[first]) == 1):
            found.append(m.user_id)
    return found


def list_mine(actor: User, unread_only: bool = False) -> list[dict]:
    """The actor's notifications, newest first (in engagements they still belong to)."""
    query = (select(Notification).join(Membership, (Membership.engagement_id == Notification.engagement_id)
                                       & (Membership.user_id == Notification.user_id))
             .where(Notification.user_id == actor.id).order_by(Notification.created_at.desc()).limit(200))
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return [view(n) for n in session.scalars(query)]


def mark_read(actor: User, notification_id: str) -> dict:
    """Mark one of the actor's notifications read."""
    n = own_notification(actor, session.get(Notification, notification_id) if isinstance(notification_id, str) else None)
    n.read_at = n.read_at or utcnow()
    session.flush()
    return view(n)


def mark_all_read(actor: User) -> int:
    """Mark every unread notification of the actor read; answers how many."""
    return session.execute(update(Notification).where(Notification.user_id == actor.id, Notification.read_at.is_(None))
                           .values(read_at=utcnow())).rowcount
