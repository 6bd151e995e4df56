"""Which recorded changes can move an initiative's power-up facts (``store.gather`` reads them).

Keep this in step with ``store``: a card counts by its kind and the fields its event says changed
(moves, text, tags and clusters cannot); other events by type. Comments, KPIs, workshops, votes and
library entries never do.
"""
from __future__ import annotations

FACT_FIELDS = {
    "observation": frozenset({"shadowing_session_id"}),  # which sessions a story citing it is evidenced from
    "story": frozenset({"title", "told", "evidence"}),
    "experiment": frozenset({"title", "audience", "status", "published"}),
}
ALWAYS = frozenset({
    "grant.created", "grant.revoked", "shadowing.created", "shadowing.updated",
    "budget.requested", "budget.decided", "spend.recorded",
    "card.deleted", "card.restored",  # a cited observation or a story, experiment or budget's card
    "cards.revealed",  # cards written privately in a workshop's reflect count once revealed
})


def may_change(event: dict) -> bool:
    """Whether a recorded event (its wire form) can change its initiative's power-ups."""
    type_, data = event["type"], event["data"]
    if type_ in ALWAYS:
        return True
    if type_ == "card.updated":
        return not FACT_FIELDS.get(data.get("kind"), frozenset()).isdisjoint(data.get("changed", ()))
    if type_ == "card.created":  # nothing cites a new card; a new experiment is a draft or proposed
        return data.get("kind") == "story" and bool(data.get("evidence") or data.get("told"))
    return False
