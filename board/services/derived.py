"""Derived state pushed once: an initiative's power-ups, computed in the unit of work that may
change them and recorded as a ``power_ups.changed`` event when they did.

Browsers no longer read ``GET /power-ups`` after each event: the event's ``data`` is exactly that
body, in the log (with a ``seq``, replayed on join like any event) and committed with the write.
"""
from __future__ import annotations

from sqlalchemy import bindparam, select, update

from .. import powerups
from ..db import jsonable, session
from ..models import Initiative
from ..outbox import Outbox
from .events import record

_initiatives = Initiative.__table__
# built once (see services/events.py); the row is already locked by the write's own event
_LAST = (select(_initiatives.c.engagement_id, _initiatives.c.power_ups)
         .where(_initiatives.c.id == bindparam("initiative")))
# the initiative's ``version`` and ``updated_at`` stay: derived state is no edit of the initiative
_STORE = (update(_initiatives).where(_initiatives.c.id == bindparam("initiative"))
          .values(power_ups=bindparam("levels"), updated_at=_initiatives.c.updated_at))


def levels_of_nothing() -> dict:
    """The power-ups of a board with no facts yet: what a new initiative starts with."""
    return powerups.compute(powerups.Facts())


def before_commit(box: Outbox) -> None:
    """Record ``power_ups.changed`` for each initiative whose power-ups this unit of work changed
    (a hook of ``uow.before_commit_hooks``).

    Only initiatives with an event that ``powerups.may_change`` are computed at all: a move, a text
    edit or a comment costs one look at its event.
    """
    if not box.events:
        return
    boards = [e["initiative"] for e in box.events if e["initiative"] and powerups.may_change(e)]
    for initiative_id in dict.fromkeys(boards):
        refresh(initiative_id)


def refresh(initiative_id: str) -> dict | None:
    """Compute an initiative's power-ups; when they differ from the last recorded, store them and
    record ``power_ups.changed`` (its wire form is returned), else None."""
    levels = jsonable(powerups.compute(powerups.gather(initiative_id)))
    engagement_id, last = session.connection().execute(_LAST, {"initiative": initiative_id}).one()
    if levels == last:
        return None
    session.connection().execute(_STORE, {"initiative": initiative_id, "levels": levels})
    return record(None, engagement_id, initiative_id, "power_ups.changed", levels)
