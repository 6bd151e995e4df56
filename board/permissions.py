"""Who may see and do what: the only place these rules live.

Each rule of an engagement is a named ``Policy``; services ``require`` them, ``capabilities`` answers them
all for one member (``GET /me`` lists them per engagement, and the web app reads them from there), and
``holders`` finds the members a policy allows (whom to notify). Row-level rules (separation of duties, whose
notification, which library entries) are the functions below them.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import aliased, lazyload

from .db import session
from .errors import Forbidden, NotFound
from .models import Engagement, LibraryEntry, Membership, Notification, User

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


def _private(obj: Any, user: User) -> bool:
    """A card its author wrote in a workshop's reflect phase and nobody else may see yet."""
    return bool(getattr(obj, "private", False)) and obj.author_id != user.id


def scoped(user: User, model: type[T], obj_id: str, *, write: bool = False, what: str | None = None,
           options: tuple[Any, ...] = ()) -> tuple[T, Membership]:
    """Load an engagement-owned row for ``user``: 404 unless a member, 403 for a viewer's write.

    ``options``: loader options for ``model`` (created once by the caller: they key a statement cache).
    """
    label = what or model.__name__
    row = session.execute(_scoped_query(model, options), {"id": obj_id, "user": user.id}).first() \
        if isinstance(obj_id, str) else None
    obj, m = row if row is not None else (None, None)
    if obj is None or getattr(obj, "deleted_at", None) is not None or m is None or _private(obj, user):
        raise NotFound(f"{label} not found.")
    if write:
        require(m, WRITE)
    return obj, m


@dataclass(frozen=True)
class Policy:
    """Who may do one thing in an engagement, and what a member refused is told.

    ``needs``: policies checked first (a viewer hears that viewers are read-only, not the narrower rule).
    """

    name: str
    rule: Callable[[Membership], bool]
    refusal: str
    needs: tuple[Policy, ...] = ()

    def allows(self, m: Membership) -> bool:
        """Whether the member may."""
        return all(p.allows(m) for p in self.needs) and self.rule(m)


WRITE = Policy("write", lambda m: not m.has("viewer"), "Viewers can read this engagement but not change it.")
FACILITATE = Policy("facilitate", lambda m: m.has("facilitator"),
                    "Only a facilitator runs the workshop (timer, focus, anonymity, voting).")
DECIDE_BUDGET = Policy("decide_budget", lambda m: m.has("sponsor"), "Only a sponsor decides budgets.", (WRITE,))
GRANT_ACCESS = Policy("grant_access", lambda m: m.side == "buyer",
                      "Only buyer members grant or revoke access; courage is the buyer's to show.", (WRITE,))
PROPOSE_LEARNING = Policy("propose_learning", lambda m: m.side == "provider",
                          "Only provider members propose learnings for the provider's library.", (WRITE,))
DECIDE_LEARNING = Policy("decide_learning", lambda m: m.side == "buyer",
                         "Only a buyer member of this engagement decides what leaves it.", (WRITE,))
MANAGE_MEMBERS = Policy("manage_members", lambda m: m.has("admin"), "Only an engagement admin manages its members.")
POLICIES = (WRITE, FACILITATE, DECIDE_BUDGET, GRANT_ACCESS, PROPOSE_LEARNING, DECIDE_LEARNING, MANAGE_MEMBERS)


def require(m: Membership, policy: Policy, refusal: str | None = None) -> None:
    """403 unless ``policy`` allows the member: the first unmet rule's refusal (or ``refusal`` for this one)."""
    for needed in policy.needs:
        require(m, needed)
    if not policy.rule(m):
        raise Forbidden(refusal or policy.refusal)


def capabilities(m: Membership) -> dict[str, bool]:
    """Every policy's answer for this member, by name: what the web app may offer them."""
    return {p.name: p.allows(m) for p in POLICIES}


def holders(engagement_id: str, policy: Policy) -> list[str]:
    """Ids of the engagement's members whom ``policy`` allows (e.g. the sponsors, to notify)."""
    members = session.scalars(select(Membership).where(Membership.engagement_id == engagement_id))
    return [m.user_id for m in members if policy.allows(m)]


def require_not_own_request(actor: User, requested_by_id: str) -> None:
    """Separation of duties: whoever asked for a budget never decides it."""
    if requested_by_id == actor.id:
        raise Forbidden("You requested this budget, so another sponsor must decide it (separation of duties).",
                        code="own_request")


def require_not_approver(actor: User, requests) -> None:
    """Separation of duties: whoever approved a budget never records spending it."""
    if any(r.decision and r.decision.approve and r.decision.decided_by_id == actor.id for r in requests):
        raise Forbidden("You approved this budget, so someone else records spending it (separation of duties).",
                        code="own_approval")


def require_photo_remover(actor: User, m: Membership, added_by_id: str) -> None:
    """A photo is removed by whoever added it, or by a facilitator (who tidies the board)."""
    require_adder_or_facilitator(actor, m, added_by_id, "a photo", "not_photo_author")


def require_adder_or_facilitator(actor: User, m: Membership, added_by_id: str, what: str, code: str) -> None:
    """Something added to a board (``what``: "a photo") is removed by whoever added it, or by a facilitator."""
    require(m, WRITE)
    if added_by_id != actor.id and not FACILITATE.allows(m):
        raise Forbidden(f"Only whoever added {what}, or a facilitator, removes it.", code=code)


def own_notification(user: User, notification: Notification | None) -> Notification:
    """The notification if it is ``user``'s, else 404 exactly as if it did not exist."""
    if notification is None or notification.user_id != user.id:
        raise NotFound("Notification not found.")
    return notification


def provider_key(name: str) -> str:
    """A provider's name as the library compares it (the same as ``provider_key_sql`` in SQL)."""
    return name.strip().lower()


def provider_key_sql(column):
    """``provider_key`` of a column, in SQL."""
    return func.lower(func.trim(column))


def library_visible_to(user: User):
    """A filter: approved library entries ``user`` may see — from an engagement of theirs, or from another
    engagement of the same provider that shares a provider-side member with one of theirs."""
    mine = aliased(Membership)
    source_provider = aliased(Membership)
    target_provider = aliased(Membership)
    target = aliased(Engagement)
    linked = (select(target.id).join(mine, and_(mine.engagement_id == target.id, mine.user_id == user.id))
              .join(target_provider, and_(target_provider.engagement_id == target.id, target_provider.side == "provider"))
              .join(source_provider, and_(source_provider.user_id == target_provider.user_id,
                                          source_provider.side == "provider",
                                          source_provider.engagement_id == LibraryEntry.engagement_id))
              .where(provider_key_sql(target.provider_name) == LibraryEntry.provider_key))
    own = select(Membership.engagement_id).where(Membership.user_id == user.id,
                                                 Membership.engagement_id == LibraryEntry.engagement_id)
    return and_(LibraryEntry.status == "approved", or_(linked.exists(), own.exists()))


def engagement_ids(user: User) -> list[str]:
    """Ids of every engagement ``user`` belongs to."""
    return list(session.scalars(select(Membership.engagement_id).where(Membership.user_id == user.id)))
