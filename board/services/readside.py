"""Read-side views that need a permission check first (the computing is in pure modules)."""
from __future__ import annotations

from .. import powerups
from ..models import Initiative, User
from ..permissions import scoped


def power_ups(actor: User, initiative_id: str) -> dict:
    """An initiative's power-ups for a member."""
    scoped(actor, Initiative, initiative_id)
    return powerups.compute(powerups.gather(initiative_id))
