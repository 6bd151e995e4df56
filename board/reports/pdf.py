"""The sponsor report as PDF: the printable HTML page itself, laid out by WeasyPrint as a tagged PDF/UA-1.

One template makes both the page and the PDF (print CSS decides the A4 layout, page footer and breaks),
so they never disagree. WeasyPrint needs Pango (Debian: ``libpango-1.0-0 libpangoft2-1.0-0``); without
it the PDF answers 503 with that advice, and everything else works. Rendering (about a second) runs in
a native thread under green threads, holding up no other request.
"""
from __future__ import annotations

from ..errors import BoardError
from ..infra.greenio import direct, native_runner

VARIANT = "pdf/ua-1"  # tagged: headings, lists, tables and figures are structure a screen reader reads
PANGO = "libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(BoardError):
    """The server cannot make PDFs (WeasyPrint's system libraries are missing)."""

    status, code = 503, "pdf_unavailable"


def _refuse(url: str, *args, **kw):
    """Load nothing from outside the page (its images are data: URLs)."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kw)
    raise ValueError(f"a report loads nothing from {url[:60]!r}")


def _render(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as exc:  # Pango or its font libraries are missing
        raise PdfUnavailable(f"This server cannot make PDFs yet: install {PANGO} (Debian) and restart it. "
                             "The printable page (report) works meanwhile.") from exc
    return HTML(string=html, url_fetcher=_refuse).write_pdf(pdf_variant=VARIANT, custom_metadata=True)


def html_pdf(html: str) -> bytes:
    """A printable page (``reports/base.html``) as tagged PDF bytes: its <title> is the PDF's title."""
    return (native_runner() or direct)(_render, html)
