"""The event log and exports."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.events import EventQuerySchema, EventSchema
from ..services import exchange, log
from . import PREFIX

blp = Blueprint("log", __name__, url_prefix=PREFIX, description="Event log and exports")


@blp.get("/initiatives/<initiative_id>/events")
@blp.arguments(EventQuerySchema, location="query")
@blp.response(200, EventSchema(many=True))
def list_events(query, initiative_id):
    """The event log after ``after`` (a seq), in order, at most ``limit`` events."""
    return log.list_events(require_user(), initiative_id, query["after"], query["limit"])


@blp.get("/initiatives/<initiative_id>/export.json")
@blp.response(200)
def export_json(initiative_id):
    """The whole initiative as JSON; ``board import`` loads it back."""
    return exchange.export_for(require_user(), initiative_id)
