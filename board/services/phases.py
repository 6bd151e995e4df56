"""A workshop that runs through a template's steps: reflect, group, vote and discuss, then end.

The facilitator starts a workshop from a template (services/templates.py) and moves between its steps;
each step may start the shared timer with its ``seconds`` and shows its ``prompt`` to everyone.
Entering a step does what its phase needs: *reflect* makes new cards private (services/reflect.py) and
leaving it reveals them; *vote* opens a round over the step's cards; *discuss* closes the round and makes
its ranking the agenda, focusing the first topic. ``workshop.end`` clears it all.
"""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..errors import Conflict, Invalid
from ..models import Card, Initiative, User, VotingRound, Workshop
from . import reflect, templates, voting
from .events import record
from .workshop_state import facilitated, restart_timer, state

DEFAULT_VOTES = 3
DEFAULT_TOPICS = 5


def start(actor: User, initiative_id: str, template_id: str) -> dict:
    """Start a phased workshop from a template, at its first step (409 ``already_running`` while one runs)."""
    initiative, ws = facilitated(actor, initiative_id)
    session.refresh(ws, with_for_update=True)
    if ws.phase is not None:
        raise Conflict("A workshop is already running on this board; end it first.", current=state(ws),
                       code="already_running")
    template = templates.find(initiative.engagement_id, template_id)
    ws.template_id, ws.template_name, ws.steps = template["id"], template["name"], template["steps"]
    result = _enter(actor, initiative, ws, 0, None)
    record(actor, ws.engagement_id, ws.initiative_id, "workshop.started", result)
    return result


def move(actor: User, initiative_id: str, step: int, scope: dict | None = None) -> dict:
    """Go to step ``step`` of the running workshop's template (``scope``: a vote step's cards; ``{}`` every card,
    ``None`` the step's own lane if it names one)."""
    initiative, ws = facilitated(actor, initiative_id)
    session.refresh(ws, with_for_update=True)
    if ws.phase is None:
        raise Conflict("Start a workshop from a template first.", current=state(ws), code="not_running")
    if not 0 <= step < len(ws.steps):
        raise Invalid("step", f"This workshop has steps 0 to {len(ws.steps) - 1}.")
    if scope is not None and ws.steps[step]["phase"] != "vote":
        raise Invalid("scope", "Only a vote step takes a scope.")
    result = _enter(actor, initiative, ws, step, scope)
    record(actor, ws.engagement_id, ws.initiative_id, "workshop.phase", result)
    return result


def topic(actor: User, initiative_id: str, index: int) -> dict:
    """In discuss, make agenda card ``index`` the topic: the focus moves to it and its timer restarts."""
    _, ws = facilitated(actor, initiative_id)
    if ws.phase != "discuss":
        raise Conflict("The workshop is not in its discuss phase.", current=state(ws), code="not_discussing")
    if not 0 <= index < len(ws.agenda or []):
        raise Invalid("index", f"The agenda has {len(ws.agenda or [])} topics (0 to {len(ws.agenda or []) - 1}).")
    ws.agenda_index, ws.focus_card_id = index, ws.agenda[index]
    restart_timer(ws, ws.steps[ws.step].get("seconds"))
    session.flush()
    result = state(ws, focus_by=actor)
    record(actor, ws.engagement_id, ws.initiative_id, "workshop.agenda", result)
    return result


def leave(actor: User, ws: Workshop) -> None:
    """End the phased part of a workshop: reveal private cards, forget the template and the agenda."""
    reflect.reveal(actor, ws.engagement_id, ws.initiative_id)  # records nothing when no card waits
    ws.template_id = ws.template_name = ws.steps = ws.step = ws.agenda = ws.agenda_index = None


def _close_open_round(actor: User, initiative_id: str) -> VotingRound | None:
    """Reveal the board's open round, if any, recording it as the reveal button would."""
    rnd = session.scalars(select(VotingRound).where(VotingRound.initiative_id == initiative_id,
                                                    VotingRound.status == "open")).first()
    if rnd is not None:
        voting.close(rnd)
        record(actor, rnd.engagement_id, rnd.initiative_id, "voting.revealed", voting.results(rnd))
    return rnd


def _agenda(initiative_id: str, rnd: VotingRound | None, topics: int) -> list[str]:
    """The ranked cards of the round (the latest revealed one if none was open) that are still on the board."""
    if rnd is None:
        rnd = session.scalars(select(VotingRound).where(VotingRound.initiative_id == initiative_id)
                              .order_by(VotingRound.created_at.desc()).limit(1)).first()
    if rnd is None:
        return []
    ranked = [r["card_id"] for r in voting.results(rnd)["results"]]
    live = set(session.scalars(select(Card.id).where(Card.id.in_(ranked), Card.deleted_at.is_(None))))
    return [card_id for card_id in ranked if card_id in live][:topics]


def _enter(actor: User, initiative: Initiative, ws: Workshop, index: int, scope: dict | None) -> dict:
    """Move ``ws`` to step ``index``, doing what its phase needs; the new state."""
    leaving, step = ws.phase, ws.steps[index]
    phase = step["phase"]
    if leaving == "reflect" and phase != "reflect":
        reflect.reveal(actor, ws.engagement_id, ws.initiative_id)
    ws.step, ws.agenda, ws.agenda_index, ws.focus_card_id = index, None, None, None
    if phase == "vote":
        _close_open_round(actor, initiative.id)
        voting.open_round(actor, initiative, step.get("votes_per_person") or DEFAULT_VOTES,
                          scope if scope is not None else ({"kind": step["kind"]} if step.get("kind") else None))
    elif phase == "discuss":
        ws.agenda = _agenda(initiative.id, _close_open_round(actor, initiative.id),
                            step.get("topics") or DEFAULT_TOPICS)
        if ws.agenda:
            ws.agenda_index, ws.focus_card_id = 0, ws.agenda[0]
    restart_timer(ws, step.get("seconds"))
    session.flush()
    return state(ws, focus_by=actor)
