"""Read-side views that need a permission check first (the computing is in pure modules)."""
from __future__ import annotations

from .. import powerups
from ..db import jsonable
from ..models import Initiative, User
from ..permissions import scoped


def power_ups(actor: User, initiative_id: str) -> dict:
    """An initiative's power-ups for a member."""
    scoped(actor, Initiative, initiative_id)
    return powerups.compute(powerups.gather(initiative_id))


def snapshot(actor: User, initiative_id: str) -> dict:
    """Everything a board shows, at one ``seq``: for a client that is new or too far behind."""
    from ..schemas.cards import card_schema
    from ..schemas.initiatives import agreement_schema, initiative_schema
    from ..schemas.shadowing import shadowing_schema
    from . import cards, clusters, grants, kpis, shadowing, voting, workshop, workshop_summary

    initiative, _ = scoped(actor, Initiative, initiative_id)
    return {
        "seq": initiative.last_seq,
        "initiative": initiative_schema.dump(initiative),
        "cards": card_schema.dump(cards.list_cards(actor, initiative_id), many=True),
        "kpis": agreement_schema.dump(kpis.agreement(initiative_id)),
        "access_grants": grants.list_grants(actor, initiative_id),
        "shadowing_sessions": shadowing_schema.dump(shadowing.list_sessions(actor, initiative_id), many=True),
        "power_ups": powerups.compute(powerups.gather(initiative_id)),
        "workshop": jsonable(workshop.get_state(actor, initiative_id)),
        "clusters": jsonable(clusters.list_clusters(actor, initiative_id)),
        "voting_round": jsonable(workshop_summary.current_round(voting.latest_round(actor, initiative_id))),
    }
