"""Who may see and do what: the only place these rules live."""
from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select

from .db import session
from .errors import Forbidden, NotFound
from .models import Membership, User

T = TypeVar("T")


def membership(user: User, engagement_id: str) -> Membership | None:
    """``user``'s membership of an engagement, if any."""
    return session.get(Membership, (engagement_id, user.id))


def member_or_404(user: User, engagement_id: str, what: str = "Engagement") -> Membership:
    """The membership, or 404 exactly as if the engagement did not exist."""
    m = membership(user, engagement_id)
    if m is None:
        raise NotFound(f"{what} not found.")
    return m


def scoped(user: User, model: type[T], obj_id: str, *, write: bool = False, what: str | None = None) -> tuple[T, Membership]:
    """Load an engagement-owned row for ``user``: 404 unless a member, 403 for a viewer's write."""
    label = what or model.__name__
    obj = session.get(model, obj_id) if isinstance(obj_id, str) else None
    if obj is None or getattr(obj, "deleted_at", None) is not None:
        raise NotFound(f"{label} not found.")
    m = member_or_404(user, obj.engagement_id, label)
    if write:
        require_writer(m)
    return obj, m


def require_writer(m: Membership) -> None:
    """Viewers are read-only."""
    if not m.can_write:
        raise Forbidden("Viewers can read this engagement but not change it.")


def require_role(m: Membership, role: str, message: str) -> None:
    """403 with ``message`` unless the member holds ``role``."""
    if not m.has(role):
        raise Forbidden(message)


def require_side(m: Membership, side: str, message: str) -> None:
    """403 with ``message`` unless the member is on ``side``."""
    if m.side != side:
        raise Forbidden(message)


def engagement_ids(user: User) -> list[str]:
    """Ids of every engagement ``user`` belongs to."""
    return list(session.scalars(select(Membership.engagement_id).where(Membership.user_id == user.id)))
