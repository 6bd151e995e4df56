"""Access that ended without live sockets being told (say, by another process without Redis)."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from ..db import session
from ..models import AuthSession, Membership, User
from ..outbox import MemberRemoved, Revocation, SessionEnded, UserDisabled


def missed(connections: Iterable[tuple[str, str | None, Iterable[str]]]) -> list[Revocation]:
    """The revocations to apply to live connections, each ``(user, sign-in or None, engagements watched)``:
    disabled users, ended sign-ins and memberships that are gone."""
    conns = [(user, auth_session, set(engagements)) for user, auth_session, engagements in connections]
    if not conns:
        return []
    users = {user for user, _, _ in conns}
    disabled = set(session.scalars(select(User.id).where(User.id.in_(users), User.disabled.is_(True))))
    sessions = {s for _, s, _ in conns if s}
    live = set(session.scalars(select(AuthSession.id).where(AuthSession.id.in_(sessions)))) if sessions else set()
    members = {(e, u) for e, u in session.execute(select(Membership.engagement_id, Membership.user_id)
                                                  .where(Membership.user_id.in_(users)))}
    found: list[Revocation] = []
    for user, auth_session, engagements in conns:
        if user in disabled:
            found.append(UserDisabled(user))
        elif auth_session and auth_session not in live:
            found.append(SessionEnded(auth_session))
        else:
            found.extend(MemberRemoved(e, user) for e in sorted(engagements) if (e, user) not in members)
    return list(dict.fromkeys(found))
