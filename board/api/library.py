"""The learning library: propose, decide, search, reuse."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.cards import CardSchema
from ..schemas.library import (EntrySchema, LibraryDecisionSchema, LibraryQuerySchema, ProposalSchema, ReuseSchema,
                               SharedEntrySchema)
from ..services import library
from . import PREFIX

blp = Blueprint("library", __name__, url_prefix=PREFIX, description="Learning library")


@blp.post("/cards/<card_id>/library-proposals")
@blp.arguments(ProposalSchema)
@blp.response(201, EntrySchema)
def propose(data, card_id):
    """A provider member proposes a concluded experiment's learning for the provider's library."""
    return library.propose(require_user(), card_id, data)


@blp.post("/library-proposals/<entry_id>/decision")
@blp.arguments(LibraryDecisionSchema)
@blp.response(200, EntrySchema)
def decide(data, entry_id):
    """A buyer member of the source engagement approves or declines (with a reason)."""
    return library.decide(require_user(), entry_id, data["approve"], data["comment"])


@blp.get("/engagements/<engagement_id>/library-proposals")
@blp.response(200, EntrySchema(many=True))
def proposals(engagement_id):
    """An engagement's proposals, newest first."""
    return library.proposals(require_user(), engagement_id)


@blp.get("/library")
@blp.arguments(LibraryQuerySchema, location="query")
@blp.response(200, SharedEntrySchema(many=True))
def search(query):
    """Approved learnings I may see (of one engagement's provider, if given), matching ``q``."""
    return library.search(require_user(), query["q"], query["engagement"])


@blp.post("/library/<entry_id>/reuse")
@blp.arguments(ReuseSchema)
@blp.response(201, CardSchema)
def reuse(data, entry_id):
    """Start a draft experiment "inspired by" a learning."""
    return library.reuse(require_user(), entry_id, data["initiative_id"])
