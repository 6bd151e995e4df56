"""Full-text search over what a member may see of one engagement: its live cards, their comments, and
the learning library of its provider that the member may read."""
from __future__ import annotations

from markupsafe import escape
from sqlalchemy import select

from .. import fulltext
from ..db import session
from ..models import Card, Comment, Engagement, LibraryEntry, User
from ..permissions import member_or_404
from ..permissions import library_visible_to
from . import reflect
from .common import card_title
from .library import of_engagement


def _snippets(marked: str | None) -> dict:
    """The plain snippet and an HTML one (escaped, matches in ``<mark>``)."""
    text = " ".join((marked or "").split())
    html = str(escape(text)).replace(fulltext.START, "<mark>").replace(fulltext.STOP, "</mark>")
    return {"snippet": text.replace(fulltext.START, "").replace(fulltext.STOP, ""), "snippet_html": html}


def _hit(type_: str, id_: str, initiative_id: str | None, card: Card | None, title: str, rank: float,
         snippet: str | None) -> dict:
    return {"type": type_, "id": id_, "initiative_id": initiative_id, "card_id": card.id if card else None,
            "kind": card.kind if card else None, "title": title, **_snippets(snippet), "rank": float(rank)}


def _cards(actor: User, engagement_id: str, terms: list[str], limit: int) -> list[dict]:
    stmt = select(Card).where(Card.engagement_id == engagement_id, Card.deleted_at.is_(None), reflect.seen_by(actor))
    return [_hit("card", c.id, c.initiative_id, c, card_title(c), rank, snippet)
            for c, rank, snippet in fulltext.ranked(stmt, fulltext.CARDS, terms, limit)]


def _comments(engagement_id: str, terms: list[str], limit: int) -> list[dict]:
    stmt = (select(Comment, Card).join(Card, Card.id == Comment.card_id)
            .where(Comment.engagement_id == engagement_id, Card.deleted_at.is_(None)))
    return [_hit("comment", m.id, m.initiative_id, c, card_title(c), rank, snippet)
            for m, c, rank, snippet in fulltext.ranked(stmt, fulltext.COMMENTS, terms, limit)]


def _library(actor: User, engagement: Engagement, terms: list[str], limit: int) -> list[dict]:
    """Approved learnings the actor may read, of this engagement's provider (or from this engagement)."""
    stmt = select(LibraryEntry).where(library_visible_to(actor), of_engagement(engagement))
    return [_hit("library", e.id, None, None, e.title, rank, snippet)
            for e, rank, snippet in fulltext.ranked(stmt, fulltext.LIBRARY, terms, limit)]


def search(actor: User, engagement_id: str, q: str, limit: int = 20) -> list[dict]:
    """The best ``limit`` matches of ``q`` among cards, comments and library entries, best first."""
    member_or_404(actor, engagement_id)
    terms = fulltext.words(q)
    if not terms:
        return []
    engagement = session.get(Engagement, engagement_id)
    hits = [*_cards(actor, engagement.id, terms, limit), *_comments(engagement.id, terms, limit),
            *_library(actor, engagement, terms, limit)]
    hits.sort(key=lambda h: (-h["rank"], h["type"], h["id"]))
    return hits[:limit]
