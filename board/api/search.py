"""Full-text search."""
from __future__ import annotations

from ..auth import require_user
from ..extensions import Blueprint
from ..schemas.search import SearchQuerySchema, SearchResultSchema
from ..services import search as search_service
from . import PREFIX

blp = Blueprint("search", __name__, url_prefix=PREFIX, description="Full-text search")


@blp.get("/engagements/<engagement_id>/search")
@blp.arguments(SearchQuerySchema, location="query")
@blp.response(200, SearchResultSchema(many=True))
def search(query, engagement_id):
    """Cards, comments and library entries matching ``q``, best first."""
    return search_service.search(require_user(), engagement_id, query["q"], query["limit"])
