"""Who may see and do what: the only place these rules live."""
from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import lazyload

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


_SCOPED: dict[tuple, Select] = {}


def _scoped_query(model: type, options: tuple) -> Select:
    """The row and the caller's membership of its engagement in one statement, built once per model.

    The membership's user is the caller, already in the unit of work: not joined again.
    """
    key = (model, options)
    query = _SCOPED.get(key)
    if query is None:
        query = _SCOPED[key] = (
            select(model, Membership)
            .outerjoin(Membership, (Membership.engagement_id == model.engagement_id)
                       & (Membership.user_id == bindparam("user")))
            .where(model.id == bindparam("id"))
            .options(lazyload(Membership.user), *options)
        )
    return query


def scoped(user: User, model: type[T], obj_id: str, *, write: bool = False, what: str | None = None,
           options: tuple[Any, ...] = ()) -> tuple[T, Membership]:
    """Load an engagement-owned row for ``user``: 404 unless a member, 403 for a viewer's write.

    ``options``: loader options for ``model`` (created once by the caller: they key a statement cache).
    """
    label = what or model.__name__
    row = session.execute(_scoped_query(model, options), {"id": obj_id, "user": user.id}).first() \
        if isinstance(obj_id, str) else None
    obj, m = row if row is not None else (None, None)
    if obj is None or getattr(obj, "deleted_at", None) is not None or m is None:
        raise NotFound(f"{label} not found.")
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
