"""The sponsor report of an initiative and its cards as a table: read-only views for members."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from .. import pii, powerups
from ..db import session, utcnow
from ..models import BudgetRequest, Card, Engagement, Initiative, Spend, User
from ..models.initiative import RECENT_MEASUREMENTS
from ..permissions import scoped
from ..reports import charts
from ..tags import without_tags
from . import money, reflect
from .exchange import CARD_FIELDS
from . import workshop_summary
from .kpis import agreement
from .sponsor_summary import summarise

STATUS_ORDER = ("running", "concluded", "proposed", "draft", "parked")
BEST_STORIES = 5
QUOTE_CHARS = 240
# the table export: who and what first, then every field of every kind, then what a card cites
# an experiment's money (services.money, one currency per budget) as amounts like 12000.00
MONEY_COLUMNS = ("budget_currency", "budget_requested_open", "budget_approved", "budget_rejected", "budget_spent",
                 "budget_remaining")
CSV_COLUMNS = ("id", "kind", "author", "side", "status", "title", "text",
               *(f for f in CARD_FIELDS if f not in ("id", "kind", "side", "status", "title", "text", "deleted_at")),
               *MONEY_COLUMNS, "evidence")


def _live_cards(initiative_id: str) -> list[Card]:
    return list(session.scalars(select(Card).where(Card.initiative_id == initiative_id, Card.deleted_at.is_(None),
                                                   reflect.SHARED)
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


def tranches(requests: list[BudgetRequest]) -> str:
    """An experiment's requests in tranche order, each with its outcome, e.g. ``Tranche 1: £8,000.00
    approved of £10,000.00, learning written · Tranche 2: £12,000.00 rejected``."""
    parts = []
    for r in sorted(requests, key=lambda r: (r.tranche or 1, r.requested_at, r.id)):
        asked = money.text(r.amount_cents, r.currency)
        outcome = {"pending": f"{asked} awaiting a sponsor", "rejected": f"{asked} rejected",
                   "approved": f"{money.text(r.approved_cents, r.currency)} approved"
                               + (f" of {asked}" if r.approved_cents != r.amount_cents else "")}[r.status]
        learned = ", learning written" if r.learned else (", learning not yet written" if r.status == "approved" else "")
        parts.append(f"Tranche {r.tranche or 1}: {outcome}{learned}")
    return " · ".join(parts)


def kpi_rows(kpis: list, at: datetime | None = None) -> list[dict]:
    """Each KPI as the report and the review show it: baseline → current → target, with a trend chart of its
    latest measurements; ``at`` (the review's) leaves out what was measured later."""
    rows = []
    for k in kpis:
        taken = [m for m in k.measurements if at is None or m.measured_at <= at][-RECENT_MEASUREMENTS:]
        current = taken[-1] if taken else None
        rows.append({"id": k.id, "name": k.name, "unit": k.unit, "baseline": k.baseline, "target": k.target,
                     "current": current, "measurements": taken,
                     "chart": charts.kpi_trend(k.name, [m.value for m in taken], k.baseline, k.target)})
    return rows


def _measured(kpis: list) -> dict[str, str]:
    """Each measurement of the KPIs, by id, as a learning citing it names it: ``Handle time: 7 min (2026-12-01)``."""
    return {m.id: f"{k.name}: {m.value:g}{' ' + k.unit if k.unit else ''} ({m.measured_at:%Y-%m-%d})"
            for k in kpis for m in k.measurements}


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
    requests: dict[str | None, list[BudgetRequest]] = {}
    for r in session.scalars(select(BudgetRequest).where(BudgetRequest.initiative_id == initiative.id)
                             .order_by(BudgetRequest.requested_at, BudgetRequest.id)):
        requests.setdefault(r.card_id, []).append(r)
    by_id = {c.id: c for c in cards}
    pending = [(r, by_id.get(r.card_id)) for rs in requests.values() for r in rs
               if r.status == "pending" and (r.card_id is None or r.card_id in by_id)]
    kpis = agreement(initiative.id)
    measured = _measured(kpis["kpis"])
    start = min([initiative.created_at, *(p.at for p in points[:1])])
    report = {
        "initiative": initiative,
        "engagement": session.get(Engagement, initiative.engagement_id),
        "generated_at": now,
        "kpis": kpi_rows(kpis["kpis"]),
        "agreement": {"agreed": kpis["agreed"], "buyer": _side_agreement(kpis["buyer"]),
                      "provider": _side_agreement(kpis["provider"])},
        "power_ups": powerups.levels_at(timeline, now),
        "history": points,
        "experiments": [{"card": c, "budget": lines.get(c.id), "tranches": tranches(requests.get(c.id, [])),
                         "stories": [s.title for s in evidence[c.id]], "decided_by": measured.get(c.measurement_id)}
                        for c in experiments],
        "shadowing_budget": lines.get(None),
        "stories": [{"card": s, "evidence": list(dict.fromkeys(_quote(o) for o in evidence[s.id]))}
                    for s in best_stories([c for c in cards if c.kind == "story"], evidence)],
        # a history only says something once it spans more than one day
        "history_chart": charts.power_ups(points, start, now) if len({p.at.date() for p in points}) > 1 else None,
        "budget_charts": _budget_charts(budget_rows),
        "workshops": workshop_summary.summaries(initiative.id),
    }
    report["summary"] = summarise(report, sorted(pending, key=lambda p: (p[0].requested_at, p[0].id)))
    return report


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


def _money_cells(rows: list[money.Totals] | None) -> dict:
    """The money columns of one card: empty unless it is an experiment with a budget."""
    if not rows:
        return dict.fromkeys(MONEY_COLUMNS, "")
    t = rows[0]
    cents = (t.requested_cents, t.approved_cents, t.rejected_cents, t.spent_cents, t.remaining_cents)
    return {"budget_currency": t.currency, **{c: f"{v / 100:.2f}" for c, v in zip(MONEY_COLUMNS[1:], cents)}}


def card_table(actor: User, initiative_id: str) -> tuple[Initiative, list[list[str]]]:
    """The initiative and its live cards as rows of ``CSV_COLUMNS`` (a header row first)."""
    initiative, _ = scoped(actor, Initiative, initiative_id)
    rows = [list(CSV_COLUMNS)]
    budgets = money.by_budget(session.scalars(select(BudgetRequest).where(BudgetRequest.initiative_id == initiative.id)),
                              session.scalars(select(Spend).where(Spend.initiative_id == initiative.id)))
    for card in _live_cards(initiative.id):
        author = card.visible_author
        values = {"author": author.name if author else "", "evidence": card.evidence, **_money_cells(budgets.get(card.id))}
        rows.append([_cell(values[c] if c in values else getattr(card, c)) for c in CSV_COLUMNS])
    return initiative, rows

