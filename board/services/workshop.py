"""Workshop mode on a board: the facilitator's shared timer, focus and anonymity, and ending it all at once."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..db import session, utcnow
from ..errors import Conflict, Invalid
from ..models import Card, Initiative, User, VotingRound, Workshop
from ..permissions import scoped
from . import phases, voting, workshop_summary
from .events import record
from .workshop_state import facilitated, idle_timer, state

MAX_SECONDS = 4 * 60 * 60


def get_state(actor: User, initiative_id: str) -> dict:
    """A member reads the workshop state."""
    initiative, _ = scoped(actor, Initiative, initiative_id)
    return state(session.get(Workshop, initiative.id) or Workshop(
        initiative_id=initiative.id, engagement_id=initiative.engagement_id, timer_status="idle", anonymous=False))


def _changed(actor: User, ws: Workshop, type_: str, **kw) -> dict:
    session.flush()
    result = state(ws, **kw)
    record(actor, ws.engagement_id, ws.initiative_id, type_, result)
    return result


def timer(actor: User, initiative_id: str, action: str, seconds: int | None) -> dict:
    """start (``seconds``, or resume a paused timer), pause, add ``seconds``, or reset."""
    _, ws = facilitated(actor, initiative_id)
    now = utcnow()
    if seconds is not None and not 1 <= seconds <= MAX_SECONDS:
        raise Invalid("seconds", f"Between 1 and {MAX_SECONDS} seconds.")
    if action == "start":
        if seconds is None:
            if ws.timer_status != "paused":
                raise Invalid("seconds", "Say how many seconds to start the timer with.")
            seconds = ws.timer_remaining or 0
        else:
            ws.timer_duration = seconds
        ws.timer_status, ws.timer_ends_at, ws.timer_remaining = "running", now + timedelta(seconds=seconds), None
    elif action == "pause":
        if ws.timer_status != "running":
            raise Conflict("The timer is not running.", current=state(ws))
        ws.timer_remaining = max(0, round((ws.timer_ends_at - now).total_seconds()))
        ws.timer_status, ws.timer_ends_at = "paused", None
    elif action == "add":
        if seconds is None:
            raise Invalid("seconds", "Say how many seconds to add.")
        if ws.timer_status == "running":
            ws.timer_ends_at = max(ws.timer_ends_at, now) + timedelta(seconds=seconds)
        elif ws.timer_status == "paused":
            ws.timer_remaining = (ws.timer_remaining or 0) + seconds
        else:
            raise Conflict("Start the timer before adding time.", current=state(ws))
        ws.timer_duration = (ws.timer_duration or 0) + seconds
    else:  # reset
        idle_timer(ws)
    return _changed(actor, ws, "workshop.timer")


def focus(actor: User, initiative_id: str, card_id: str | None) -> dict:
    """Bring one card to everyone's attention (``None`` clears the focus)."""
    initiative, ws = facilitated(actor, initiative_id)
    if card_id is not None:
        card = session.get(Card, card_id)
        if card is None or card.initiative_id != initiative.id or card.deleted_at is not None or card.private:
            raise Invalid("card_id", "Not found on this initiative's board.")
    ws.focus_card_id = card_id
    return _changed(actor, ws, "workshop.focus", focus_by=actor)


def set_anonymous(actor: User, initiative_id: str, anonymous: bool) -> dict:
    """Hide (or show again) who wrote each card; the side always shows."""
    _, ws = facilitated(actor, initiative_id)
    ws.anonymous = anonymous
    return _changed(actor, ws, "workshop.anonymity")


def end(actor: User, initiative_id: str) -> dict:
    """End the workshop for everyone at once: stop the timer, reveal (close) the open voting round, clear the
    focus, show authors again; record ``workshop.ended`` with the state and the workshop's summary
    (``workshop_summary``). 409 when no workshop runs (no tool used since the last one ended)."""
    _, ws = facilitated(actor, initiative_id)
    session.refresh(ws, with_for_update=True)  # two facilitators ending at once: the second finds it ended
    start = workshop_summary.started(ws.initiative_id)
    if start is None:
        raise Conflict("No workshop is running on this board: nothing to end.", current=state(ws), code="not_running")
    open_round = session.scalars(select(VotingRound).where(VotingRound.initiative_id == ws.initiative_id,
                                                           VotingRound.status == "open")).first()
    if open_round is not None:
        voting.close(open_round)
    idle_timer(ws)
    template = ws.template_name
    phases.leave(actor, ws)
    ws.focus_card_id, ws.anonymous = None, False
    session.flush()
    result = {**state(ws), "summary": workshop_summary.summarise(start, utcnow(), actor, template)}
    record(actor, ws.engagement_id, ws.initiative_id, workshop_summary.ENDED, result)
    return result
