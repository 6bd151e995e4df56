"""A board's workshop state as everyone sees it, and the facilitator's hold on it (shared by the workshop's services)."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..db import session, utcnow
from ..models import Event, Initiative, User, VotingRound, Workshop
from ..permissions import FACILITATE, require, scoped
from . import reflect


def workshop_of(initiative: Initiative) -> Workshop:
    """The board's workshop state, created on first use."""
    ws = session.get(Workshop, initiative.id)
    if ws is None:
        ws = Workshop(initiative_id=initiative.id, engagement_id=initiative.engagement_id)
        session.add(ws)
        session.flush()
    return ws


def _focuser(ws: Workshop) -> User | None:
    """Who brought the current focus card to everyone's attention (the last focus event's actor)."""
    event = session.scalars(select(Event).where(Event.initiative_id == ws.initiative_id, Event.type == "workshop.focus")
                            .order_by(Event.seq.desc()).limit(1)).first()
    return event.actor if event else None


def state(ws: Workshop, focus_by: User | None = None) -> dict:
    """The wire form: timer (with seconds left now), focus (and who set it), anonymity, the open voting round,
    and a phased workshop's template, steps, current step (its phase and prompt), agenda and private cards."""
    now = utcnow()
    focuser = (focus_by or _focuser(ws)) if ws.focus_card_id else None
    remaining = ws.timer_remaining
    if ws.timer_status == "running" and ws.timer_ends_at:
        remaining = max(0, round((ws.timer_ends_at - now).total_seconds()))
    open_round = session.query(VotingRound).filter_by(initiative_id=ws.initiative_id, status="open").first()
    return {
        "initiative_id": ws.initiative_id,
        "timer": {"status": ws.timer_status, "ends_at": ws.timer_ends_at, "remaining_seconds": remaining,
                  "duration_seconds": ws.timer_duration},
        "focus_card_id": ws.focus_card_id,
        "focus_by": {"id": focuser.id, "name": focuser.name} if focuser else None,
        "anonymous": ws.anonymous,
        "voting_round_id": open_round.id if open_round else None,
        "phase": ws.phase,
        "template": {"id": ws.template_id, "name": ws.template_name} if ws.template_id else None,
        "steps": ws.steps or [],
        "step": ws.step,
        "prompt": ws.steps[ws.step].get("prompt") if ws.phase else None,
        "agenda": ws.agenda or [],
        "agenda_index": ws.agenda_index,
        "private_cards": reflect.waiting(ws.initiative_id),
        "server_time": now,
    }


def facilitated(actor: User, initiative_id: str) -> tuple[Initiative, Workshop]:
    """The board and its workshop, for a facilitator of its engagement (403 otherwise)."""
    initiative, me = scoped(actor, Initiative, initiative_id, write=True)
    require(me, FACILITATE)
    return initiative, workshop_of(initiative)


def idle_timer(ws: Workshop) -> None:
    """Stop and clear the shared timer."""
    ws.timer_status, ws.timer_ends_at, ws.timer_remaining, ws.timer_duration = "idle", None, None, None


def restart_timer(ws: Workshop, seconds: int | None) -> None:
    """Start the shared timer afresh with ``seconds`` (a step's), or stop it when ``None``."""
    if seconds:
        ws.timer_status, ws.timer_ends_at, ws.timer_remaining = "running", utcnow() + timedelta(seconds=seconds), None
        ws.timer_duration = seconds
    else:
        idle_timer(ws)
