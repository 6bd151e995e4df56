"""The sponsor report of an initiative and its cards as a table: read-only views for members."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from .. import pii, powerups
from ..db import session, utcnow
from ..models import Card, Engagement, Initiative, User
from ..permissions import scoped
from ..reports import charts
from ..tags import without_tags
from .exchange import CARD_FIELDS
from . import workshop_summary
from .kpis import agreement

STATUS_ORDER = ("running", "concluded", "proposed", "draft", "parked")
BEST_STORIES = 5
QUOTE_CHARS = 240
# the table export: who and what first, then every field of every kind, then what a card cites
CSV_COLUMNS = ("id", "kind", "author", "side", "status", "title", "text",
               *(f for f in CARD_FIELDS if f not in ("id", "kind", "side", "status", "title", "text", "deleted_at")),
               "evidence")


def _live_cards(initiative_id: str) -> list[Card]:
    return list(session.scalars(select(Card).where(Card.initiative_id == initiative_id, Card.deleted_at.is_(None))
                                .order_by(Card.created_at, Card.id)))


def _evidence(cards: list[Card]) -> dict[str, list[Card]]:
    """For each card, the live cards it cites, in citing order."""
    by_id = {c.id: c for c in cards}
    return {c.id: [by_id[i] for i in c.evidence if i in by_id] for c in cards}


def _quote(observation: Card) -> str:
    """An observation as the report quotes it: personal data always masked, no ``#tags``, kept short."""
    text = without_tags(pii.mask(observation.text or "")[0])
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + "…"


def _side_agreement(row) -> dict | None:
    return {"name": row.user.name, "at": row.agreed_at} if row else None


def best_stories(stories: list[Card], evidence: dict[str, list[Card]], n: int = BEST_STORIES) -> list[Card]:
    """Stories told to the sponsor first, then those with the most evidence, then the oldest."""
    return sorted(stories, key=lambda s: (not s.told, -len(evidence[s.id]), s.created_at, s.id))[:n]


def _budget_charts(rows: list[tuple[str, powerups.BudgetLine]]) -> list[charts.Chart]:
    """One approved-vs-spent chart per currency."""
    currencies = list(dict.fromkeys(line.currency for _, line in rows))
    return [charts.budget([(label, line) for label, line in rows if line.currency == c], c) for c in currencies]


def sponsor_report(actor: User, initiative_id: str, now: datetime | None = None) -> dict:
    """Everything the sponsor report shows, for a member of the initiative's engagement."""
    initiative, _ = scoped(actor, Initiative, initiative_id)
    now = now or utcnow()
    timeline = powerups.gather_timeline(initiative.id)
    points = powerups.history(timeline, now)
    cards = _live_cards(initiative.id)
    evidence = _evidence(cards)
    lines = {line.card_id: line for line in powerups.budget_lines(timeline)}
    experiments = sorted((c for c in cards if c.kind == "experiment"),
                         key=lambda c: (STATUS_ORDER.index(c.status or "draft"), c.created_at, c.id))
    budget_rows = [(c.title or "", lines[c.id]) for c in experiments if c.id in lines]
    if None in lines:
        budget_rows.insert(0, ("Shadowing", lines[None]))
    kpis = agreement(initiative.id)
    start = min([initiative.created_at, *(p.at for p in points[:1])])
    return {
        "initiative": initiative,
        "engagement": session.get(Engagement, initiative.engagement_id),
        "generated_at": now,
        "kpis": kpis["kpis"],
        "agreement": {"agreed": kpis["agreed"], "buyer": _side_agreement(kpis["buyer"]),
                      "provider": _side_agreement(kpis["provider"])},
        "power_ups": powerups.levels_at(timeline, now),
        "history": points,
        "experiments": [{"card": c, "budget": lines.get(c.id),
                         "stories": [s.title for s in evidence[c.id]]} for c in experiments],
        "shadowing_budget": lines.get(None),
        "stories": [{"card": s, "evidence": list(dict.fromkeys(_quote(o) for o in evidence[s.id]))}
                    for s in best_stories([c for c in cards if c.kind == "story"], evidence)],
        # a history only says something once it spans more than one day
        "history_chart": charts.power_ups(points, start, now) if len({p.at.date() for p in points}) > 1 else None,
        "budget_charts": _budget_charts(budget_rows),
        "workshops": workshop_summary.summaries(initiative.id),
    }


def _cell(value) -> str:
    """A value as a CSV cell; text that a spreadsheet would run as a formula is quoted with ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def card_table(actor: User, initiative_id: str) -> tuple[Initiative, list[list[str]]]:
    """The initiative and its live cards as rows of ``CSV_COLUMNS`` (a header row first)."""
    initiative, _ = scoped(actor, Initiative, initiative_id)
    rows = [list(CSV_COLUMNS)]
    for card in _live_cards(initiative.id):
        author = card.visible_author
        values = {"author": author.name if author else "", "evidence": card.evidence}
        rows.append([_cell(values[c] if c in values else getattr(card, c)) for c in CSV_COLUMNS])
    return initiative, rows

