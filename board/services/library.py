"""The learning library: a provider member proposes a concluded experiment's learning, a buyer member
of that engagement approves or declines, and only then do the approved fields (title, hypothesis,
learning, decision, tags) become visible to the provider's other engagements.

"The provider's other engagements" are those with the same provider name (normalised) that share at
least one provider-side member with the source engagement: a name alone links nothing. A membership
exists only once its person accepted an invitation (or created the engagement, or was admitted by the
server's operator), so nobody can be made the link without saying yes (``services.invitations``).
"""
from __future__ import annotations

from sqlalchemy import String, cast, func, or_, select

from ..db import session, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..models import Card, Engagement, Initiative, LibraryEntry, User
from ..permissions import (DECIDE_LEARNING, PROPOSE_LEARNING, holders, library_visible_to,
                           member_or_404, provider_key, require, scoped)
from ..schemas.library import entry_schema
from . import notifications, reflect
from .events import record

LIKE_ESCAPE = str.maketrans({"%": r"\%", "_": r"\_", "\\": r"\\"})


def _lower_text(column):
    """A column as lower-case text (tags are JSON)."""
    return func.lower(cast(column, String))


def shared_view(e: LibraryEntry) -> dict:
    """What travels outside the source engagement: the approved fields, nothing else."""
    return {"id": e.id, "title": e.title, "hypothesis": e.hypothesis, "learning": e.learning,
            "decision": e.decision, "tags": list(e.tags or []), "approved_at": e.decided_at}


def member_view(e: LibraryEntry) -> dict:
    """The whole entry, for members of its own engagement."""
    return {**shared_view(e), "status": e.status, "card_id": e.card_id, "initiative_id": e.initiative_id,
            "engagement_id": e.engagement_id, "proposed_by": e.proposed_by, "proposed_at": e.proposed_at,
            "decided_by": e.decided_by, "decided_at": e.decided_at, "decision_comment": e.decision_comment}


def propose(actor: User, card_id: str, data: dict) -> dict:
    """A provider member proposes a concluded experiment's learning, with the fields to share."""
    card, me = scoped(actor, Card, card_id, write=True)
    require(me, PROPOSE_LEARNING)
    reflect.refuse_private(card, "Proposing its learning")
    if card.kind != "experiment" or card.status != "concluded" or not card.learned:
        raise Conflict("Only a concluded experiment with a recorded learning can be proposed.", code="not_concluded")
    live = session.scalar(select(LibraryEntry.id).where(LibraryEntry.card_id == card.id,
                                                        LibraryEntry.status.in_(("proposed", "approved"))))
    if live:
        raise Conflict("This learning is already proposed or in the library.")
    engagement = session.get(Engagement, card.engagement_id)
    entry = LibraryEntry(
        engagement_id=card.engagement_id, initiative_id=card.initiative_id, card_id=card.id,
        provider_key=provider_key(engagement.provider_name), proposed_by_id=actor.id, proposed_by=actor,
        proposed_at=utcnow(), title=data.get("title") or card.title, hypothesis=data.get("hypothesis", card.hypothesis or ""),
        learning=data.get("learning") or card.learned, decision=card.decision, tags=data.get("tags", []),
    )
    session.add(entry)
    session.flush()
    record(actor, card.engagement_id, card.initiative_id, "library.proposed", entry_schema.dump(member_view(entry)))
    notifications.send(holders(card.engagement_id, DECIDE_LEARNING), "library_pending",
                       f"{actor.name} proposes a learning for the provider's library: {entry.title[:200]}",
                       engagement_id=card.engagement_id, initiative_id=card.initiative_id, card_id=card.id, actor=actor)
    return member_view(entry)


def decide(actor: User, entry_id: str, approve: bool, comment: str) -> dict:
    """A buyer member of the source engagement approves or declines, once."""
    entry = session.get(LibraryEntry, entry_id) if isinstance(entry_id, str) else None
    if entry is None:
        raise NotFound("Library proposal not found.")
    me = member_or_404(actor, entry.engagement_id, "Library proposal")
    require(me, DECIDE_LEARNING)
    if entry.status != "proposed":
        raise Conflict("This proposal is already decided.", current=entry_schema.dump(member_view(entry)))
    if not approve and not comment.strip():
        raise Invalid("comment", "Say why the learning may not be shared.")
    entry.status = "approved" if approve else "declined"
    entry.decided_by_id, entry.decided_by, entry.decided_at, entry.decision_comment = actor.id, actor, utcnow(), comment
    session.flush()
    view = member_view(entry)
    record(actor, entry.engagement_id, entry.initiative_id, "library.decided", entry_schema.dump(view))
    notifications.send([entry.proposed_by_id], "library_decided",
                       f"{actor.name} {'approved' if approve else 'declined'} your learning for the library: "
                       f"{entry.title[:200]}" + (f" — {comment[:200]}" if comment.strip() else ""),
                       engagement_id=entry.engagement_id, initiative_id=entry.initiative_id, card_id=entry.card_id,
                       actor=actor)
    return view


def proposals(actor: User, engagement_id: str) -> list[dict]:
    """Every proposal of one engagement, newest first, for its members."""
    member_or_404(actor, engagement_id)
    rows = session.scalars(select(LibraryEntry).where(LibraryEntry.engagement_id == engagement_id)
                           .order_by(LibraryEntry.proposed_at.desc()))
    return [member_view(e) for e in rows]


def of_engagement(engagement: Engagement):
    """A filter: entries of ``engagement``'s provider's library (or proposed in it)."""
    return or_(LibraryEntry.provider_key == provider_key(engagement.provider_name),
               LibraryEntry.engagement_id == engagement.id)


def search(actor: User, q: str = "", engagement_id: str | None = None) -> list[dict]:
    """Approved learnings the actor may see, optionally only of one engagement's provider and matching ``q``."""
    query = select(LibraryEntry).where(library_visible_to(actor)).order_by(LibraryEntry.decided_at.desc()).limit(200)
    if engagement_id is not None:
        member_or_404(actor, engagement_id)
        query = query.where(of_engagement(session.get(Engagement, engagement_id)))
    for word in q.split():
        pattern = f"%{word.lower().translate(LIKE_ESCAPE)}%"
        query = query.where(or_(*(_lower_text(col).like(pattern, escape="\\") for col in (
            LibraryEntry.title, LibraryEntry.hypothesis, LibraryEntry.learning, LibraryEntry.tags))))
    return [shared_view(e) for e in session.scalars(query)]


def reuse(actor: User, entry_id: str, initiative_id: str) -> Card:
    """Start a draft experiment from a learning the actor can see ("inspired by")."""
    from . import cards

    initiative, _ = scoped(actor, Initiative, initiative_id, write=True)
    entry = session.scalar(select(LibraryEntry).where(LibraryEntry.id == entry_id, library_visible_to(actor))) \
        if isinstance(entry_id, str) else None
    if entry is None:
        raise NotFound("Library entry not found.")
    return cards.create_card(actor, initiative.id, {
        "kind": "experiment", "title": entry.title[:200], "hypothesis": entry.hypothesis or None,
        "status": "draft", "inspired_by_id": entry.id})
