"""The sponsor report and the quarterly review as printable HTML, and card tables as CSV."""
from __future__ import annotations

import csv
import io
from datetime import timedelta

from flask import render_template

from ..services import money


def report_html(report: dict) -> str:
    """The sponsor report page (every user text escaped by Jinja's autoescape)."""
    return render_template("reports/report.html", r=report, money=money.text, summary=money.summary, generated_at=report["generated_at"])


def review_html(review: dict) -> str:
    """The quarterly review page."""
    return render_template("reports/review.html", r=review, money=money.text, day=timedelta(days=1),
                           generated_at=review["generated_at"])


def csv_text(rows: list[list[str]]) -> str:
    """Rows as RFC 4180 CSV: every cell quoted, CRLF line ends."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
