"""Reports: the cards as CSV, the sponsor report (HTML and PDF) and the quarterly review."""
from __future__ import annotations

import re
import unicodedata

from flask import Response

from ..auth import require_user
from ..extensions import Blueprint
from ..reports import documents, pdf
from ..schemas.reports import ReviewQuerySchema, ReviewSchema
from ..services import reports, review
from . import PREFIX

blp = Blueprint("reports", __name__, url_prefix=PREFIX, description="Exports, sponsor report, quarterly review")
TEXT = {"type": "string"}
BINARY = {"type": "string", "format": "binary"}
# a report page runs no script and loads nothing: its user text is escaped, and this makes sure
PAGE_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'")


def _filename(title: str, suffix: str) -> str:
    """A safe ASCII file name from a title: ``reduce-the-cost-report.pdf``."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return (re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()[:60] or "initiative") + suffix


def _document(body: str | bytes, mimetype: str, filename: str | None = None, inline: bool = False) -> Response:
    """A document answer: never cached; a download when ``filename`` is given."""
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if filename:
        response.headers["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    if mimetype.startswith("text/html"):
        response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response


@blp.get("/initiatives/<initiative_id>/export.csv")
@blp.response(200, TEXT, content_type="text/csv", description="One row per card, a header row first.")
def export_csv(initiative_id):
    """The initiative's cards as CSV: kind, author, side, every field, evidence ids."""
    initiative, rows = reports.card_table(require_user(), initiative_id)
    return _document(documents.csv_text(rows), "text/csv", _filename(initiative.title, "-cards.csv"))


@blp.get("/initiatives/<initiative_id>/report")
@blp.response(200, TEXT, content_type="text/html", description="A printable HTML page.")
def report_html(initiative_id):
    """The sponsor report: KPIs, power-ups, experiments with budgets and learnings, the best stories."""
    return _document(documents.report_html(reports.sponsor_report(require_user(), initiative_id)), "text/html")


@blp.get("/initiatives/<initiative_id>/report.pdf")
@blp.response(200, BINARY, content_type="application/pdf", description="The sponsor report as PDF.")
def report_pdf(initiative_id):
    """The sponsor report as PDF."""
    data = reports.sponsor_report(require_user(), initiative_id)
    return _document(pdf.html_pdf(documents.report_html(data)), "application/pdf", _filename(data["initiative"].title, "-report.pdf"),
                     inline=True)


@blp.get("/engagements/<engagement_id>/review")
@blp.arguments(ReviewQuerySchema, location="query")
@blp.response(200, ReviewSchema)
def review_json(query, engagement_id):
    """The quarterly review: each initiative's status, power-ups, budgets and the quarter's events."""
    return review.quarterly_review(require_user(), engagement_id, query["quarter"])


@blp.get("/engagements/<engagement_id>/review.html")
@blp.arguments(ReviewQuerySchema, location="query")
@blp.response(200, TEXT, content_type="text/html", description="A printable HTML page.")
def review_html(query, engagement_id):
    """The quarterly review as a printable page."""
    return _document(documents.review_html(review.quarterly_review(require_user(), engagement_id, query["quarter"])),
                     "text/html")
