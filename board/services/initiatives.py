"""Initiatives."""
from __future__ import annotations

from sqlalchemy import select

from ..db import session
from ..models import Initiative, User
from ..permissions import WRITE, member_or_404, require, scoped
from ..schemas.initiatives import initiative_schema
from .common import apply, check_version
from .derived import levels_of_nothing
from .events import record


def list_initiatives(actor: User, engagement_id: str) -> list[Initiative]:
    """The engagement's initiatives, oldest first."""
    member_or_404(actor, engagement_id)
    return list(session.scalars(
        select(Initiative).where(Initiative.engagement_id == engagement_id).order_by(Initiative.created_at)
    ))


def create_initiative(actor: User, engagement_id: str, data: dict) -> Initiative:
    """A new initiative; its first event is ``initiative.created`` (seq 1)."""
    require(member_or_404(actor, engagement_id), WRITE)
    # a new board's power-ups are known without reading: its first fact pushes only a real change
    initiative = Initiative(engagement_id=engagement_id, created_by_id=actor.id, power_ups=levels_of_nothing(), **data)
    session.add(initiative)
    session.flush()
    record(actor, engagement_id, initiative.id, "initiative.created", initiative_schema.dump(initiative))
    session.refresh(initiative, ["last_seq"])
    return initiative


def get_initiative(actor: User, initiative_id: str) -> Initiative:
    """One initiative the actor can see."""
    return scoped(actor, Initiative, initiative_id)[0]


def update_initiative(actor: User, initiative_id: str, data: dict) -> Initiative:
    """Change title, problem, outcome or status, based on ``version``."""
    initiative, _ = scoped(actor, Initiative, initiative_id, write=True)
    check_version(initiative, data.pop("version"), initiative_schema.dump)
    changed = apply(initiative, data)
    if changed:
        session.flush()
        record(actor, initiative.engagement_id, initiative.id, "initiative.updated", initiative_schema.dump(initiative))
        session.refresh(initiative, ["last_seq"])
    return initiative
