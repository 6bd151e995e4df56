"""Export an initiative as JSON and import it into an engagement (a round trip loses nothing)."""
from __future__ import annotations

from ..models import Initiative, User
from ..permissions import scoped


def export_initiative(initiative_id: str) -> dict:
    """Everything of one initiative as plain JSON."""
    raise NotImplementedError


def export_for(actor: User, initiative_id: str) -> dict:
    """The export, for a member of the initiative's engagement."""
    scoped(actor, Initiative, initiative_id)
    return export_initiative(initiative_id)
