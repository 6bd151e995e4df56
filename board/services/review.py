"""The quarterly review of an engagement: each initiative's status, power-ups, budgets and what happened
in the quarter (experiments started and concluded, stories told) and its KPIs as measured by the quarter's
end, from its timestamped facts."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from .. import powerups
from ..db import session, utcnow
from ..errors import Invalid
from ..models import Card, Engagement, Initiative, User
from ..permissions import member_or_404
from ..powerups import CardState, Timeline, TimedCard
from . import money
from .kpis import list_kpis
from .reports import kpi_rows

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_of(at: datetime) -> str:
    """The quarter ``at`` falls in, e.g. ``2026-Q4``."""
    return f"{at.year}-Q{(at.month - 1) // 3 + 1}"


def quarter_bounds(quarter: str) -> tuple[datetime, datetime]:
    """The first moment of ``quarter`` and of the next one (UTC); 422 for anything but ``YYYY-Qn``."""
    m = QUARTER.match(quarter)
    if not m or not 1900 <= int(m.group(1)) <= 8999:
        raise Invalid("quarter", "A quarter like 2026-Q4.")
    year, q = int(m.group(1)), int(m.group(2))
    start = datetime(year, 3 * q - 2, 1, tzinfo=timezone.utc)
    end = datetime(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1, tzinfo=timezone.utc)
    return start, end


def _totals(tl: Timeline, start: datetime | None, end: datetime) -> list[dict]:
    """``money.totals`` of the initiative over ``[start, end)``, per currency (currencies without any
    money left out), in the review's wire form (cents)."""
    return [{"currency": t.currency, "requested": t.requested_cents, "approved": t.approved_cents,
             "rejected": t.rejected_cents, "spent": t.spent_cents, "remaining": t.remaining_cents}
            for t in money.totals(*powerups.budget_window(tl, start, end)) if not t.empty]


def _status(name: str):
    """A predicate: the card's status is ``name``."""
    return lambda state: state.status == name


def _told(state: CardState) -> bool:
    return state.told


def _moments(tl: Timeline, kind: str, test, start: datetime, end: datetime, at: datetime) -> list[tuple[TimedCard, datetime]]:
    """Cards of ``kind`` (live at ``at``) for which ``test`` turned true within the quarter, in order."""
    found = []
    for card in tl.cards:
        state = card.state_at(at)
        if card.kind == kind and state is not None and not state.deleted:
            found += [(card, t) for t in card.became(test) if start <= t < end]
    return sorted(found, key=lambda pair: (pair[1], pair[0].id))


def _initiative(initiative: Initiative, start: datetime, end: datetime, at: datetime) -> dict:
    """One initiative in the quarter (power-ups as they stood at ``at``)."""
    tl = powerups.gather_timeline(initiative.id)

    def title(card: TimedCard) -> str:
        return card.state_at(at).title

    concluded = []
    for card, t in _moments(tl, "experiment", _status("concluded"), start, end, at):
        row = session.get(Card, card.id)  # loaded by gather_timeline: no query
        concluded.append({"id": card.id, "title": title(card), "at": t, "decision": row.decision,
                          "learned": row.learned})
    return {
        "id": initiative.id, "title": initiative.title, "status": initiative.status,
        "power_ups": powerups.levels_at(tl, at),
        "budget": {
            "pending": sum(t.pending for t in money.totals(*powerups.budget_window(tl, None, at))),
            "quarter": _totals(tl, start, end),
            "to_date": _totals(tl, None, end),
        },
        "experiments_started": [{"id": c.id, "title": title(c), "at": t}
                                for c, t in _moments(tl, "experiment", _status("running"), start, end, at)],
        "experiments_concluded": concluded,
        "stories_told": [{"id": c.id, "title": title(c), "at": t} for c, t in _moments(tl, "story", _told, start, end, at)],
        "kpis": kpi_rows([k for k in list_kpis(initiative.id) if k.created_at <= at  # or measured by then
                          or (k.measurements and k.measurements[0].measured_at <= at)], at),
    }


def quarterly_review(actor: User, engagement_id: str, quarter: str | None = None,
                     now: datetime | None = None) -> dict:
    """The review of one quarter (default: the current one) for a member of the engagement."""
    member_or_404(actor, engagement_id)
    now = now or utcnow()
    quarter = quarter or quarter_of(now)
    start, end = quarter_bounds(quarter)
    at = min(end - timedelta(microseconds=1), now)  # a quarter still running is reviewed as it stands
    engagement = session.get(Engagement, engagement_id)
    initiatives = session.scalars(select(Initiative).where(Initiative.engagement_id == engagement_id)
                                  .order_by(Initiative.created_at, Initiative.id))
    return {
        "engagement": engagement, "quarter": quarter, "starts_at": start, "ends_at": end, "as_of": at,
        "generated_at": now,
        "initiatives": [_initiative(i, start, end, at) for i in initiatives if i.created_at < end],
    }

