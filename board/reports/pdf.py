"""The sponsor report as PDF (reportlab): the sections and charts of the HTML page, laid out for A4."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ..powerups import money
from . import charts

# Bitstream Vera ships with reportlab: Unicode text (unlike the 14 standard PDF fonts) and no system fonts
FONT_DIR = Path(reportlab.__file__).parent / "fonts"
for _name, _file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"), ("Vera-Italic", "VeraIt.ttf")):
    if _name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_name, str(FONT_DIR / _file)))

MARGIN = 15 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
SECTION_ROOM = 90 * mm  # a section starts on a new page unless this much room is left
BODY = ParagraphStyle("body", fontName="Vera", fontSize=9.5, leading=13)
MUTED = ParagraphStyle("muted", parent=BODY, textColor=colors.HexColor("#6c757d"))
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8.5, leading=11)
H1 = ParagraphStyle("h1", parent=BODY, fontName="Vera-Bold", fontSize=18, leading=22, spaceAfter=4)
H2 = ParagraphStyle("h2", parent=BODY, fontName="Vera-Bold", fontSize=13, leading=17, spaceBefore=12, spaceAfter=6)
H3 = ParagraphStyle("h3", parent=BODY, fontName="Vera-Bold", fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2)
GRID = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), "Vera"), ("FONTSIZE", (0, 0), (-1, -1), 9),
    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f3f5")),
    ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#dee2e6")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
])


def _p(text, style=BODY) -> Paragraph:
    """User text as a paragraph: escaped (reportlab reads markup), line breaks kept."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def drawing(chart: charts.Chart, width: float = FRAME_WIDTH) -> Drawing:
    """A chart's shapes as a reportlab drawing, scaled to ``width`` (y flipped: PDF's origin is bottom left)."""
    k = width / chart.width
    h = chart.height * k
    d = Drawing(width, h)
    for s in chart.shapes:
        if s.kind == "line":
            d.add(Line(s.x1 * k, h - s.y1 * k, s.x2 * k, h - s.y2 * k,
                       strokeColor=colors.HexColor(s.color), strokeWidth=s.width))
        elif s.kind == "rect":
            d.add(Rect(s.x * k, h - (s.y + s.h) * k, s.w * k, s.h * k, fillColor=colors.HexColor(s.color),
                       strokeColor=None))
        elif s.kind == "path":
            d.add(PolyLine([c for x, y in s.points for c in (x * k, h - y * k)],
                           strokeColor=colors.HexColor(s.color), strokeWidth=s.width * k))
        elif s.kind == "label":
            d.add(String(s.x * k, h - s.y * k, s.text, fontName="Vera", fontSize=s.size * k,
                         fillColor=colors.HexColor(s.color), textAnchor=s.anchor))
    return d


def _chart(chart: charts.Chart) -> KeepTogether:
    return KeepTogether([_p(chart.title, H3), drawing(chart), Spacer(1, 6)])


def _meters(power_ups: dict) -> Table:
    rows = [["Power-up", "Level", "Facts", "Next"]]
    for name in ("courage", "budget", "story"):
        m = power_ups[name]
        rows.append([_p(name.capitalize()), _p(f"{m['level']} of 3"),
                     [_p(f"• {fact}", SMALL) for fact in m["facts"]] or _p("No facts yet.", MUTED),
                     _p(m["next"] or "—", SMALL)])
    table = Table(rows, colWidths=[25 * mm, 18 * mm, 85 * mm, FRAME_WIDTH - 128 * mm])
    table.setStyle(GRID)
    return table


def _budget(b) -> str:
    if b is None:
        return "none requested"
    text = (f"requested {money(b.requested_cents, b.currency)} · approved {money(b.approved_cents, b.currency)}"
            f" · spent {money(b.spent_cents, b.currency)}")
    return text + (f" · {b.pending} pending" if b.pending else "")


def _fields(pairs: list[tuple[str, str | None]]) -> list:
    rows = [[_p(label, MUTED), _p(value)] for label, value in pairs if value]
    if not rows:
        return []
    table = Table(rows, colWidths=[35 * mm, FRAME_WIDTH - 35 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                               ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    return [table]


def _experiment(e: dict) -> KeepTogether:
    c = e["card"]
    parts = [_p(f"{c.title} — {c.status}, with {c.audience}", H3), *_fields([
        ("We believe", c.hypothesis), ("To verify, we will", c.test), ("And measure", c.metric),
        ("We are right if", c.criterion), ("Stories", " · ".join(e["stories"])), ("Budget", _budget(e["budget"]))])]
    if c.status == "concluded" and c.published:
        parts += [_p("Learning", H3), *_fields([("We observed", c.observed), ("We learned", c.learned),
                                               ("Decision", c.decision), ("Decided by", e["decided_by"])])]
    elif c.status == "concluded":
        parts.append(_p("Concluded; its learning is not published in this report yet.", MUTED))
    return KeepTogether(parts)


def _story(s: dict) -> KeepTogether:
    c = s["card"]
    n = len(s["evidence"])
    head = f"{c.title}{' — told to the sponsor' if c.told else ''} ({n} observation{'' if n == 1 else 's'})"
    return KeepTogether([_p(head, H3), *_fields([("Persona", c.persona), ("Situation", c.situation),
                                                 ("Struggle", c.struggle), ("Outcome", c.outcome)]),
                         *[_p(f"“{q}”", MUTED) for q in s["evidence"]]])


def _kpis(r: dict) -> list:
    def number(v):
        return "—" if v is None else f"{v:g}"

    def current(k):
        m = k["current"]
        return "not measured" if m is None else _p(f"{m.value:g}<br/>{m.measured_at:%Y-%m-%d}", SMALL)

    out = [_p("Each KPI as baseline → current (its latest measurement) → target.", MUTED)]
    if r["kpis"]:
        table = Table([["KPI", "Unit", "Baseline", "Current", "Target", "Trend"]] + [
            [_p(k["name"]), _p(k["unit"]), number(k["baseline"]), current(k), number(k["target"]),
             drawing(k["chart"], 32 * mm) if k["chart"] else ""] for k in r["kpis"]],
            colWidths=[60 * mm, 18 * mm, 20 * mm, 24 * mm, 20 * mm, FRAME_WIDTH - 142 * mm])
        table.setStyle(GRID)
        out.append(table)
    else:
        out.append(_p("No KPIs yet.", MUTED))
    a = r["agreement"]
    sides = "; ".join(f"{side}: {a[side]['name']} on {a[side]['at']:%Y-%m-%d}" if a[side] else f"{side}: not yet"
                      for side in ("buyer", "provider"))
    out.append(_p(("Agreed by both sides. " if a["agreed"] else "Not agreed by both sides. ") + sides))
    return out


def report_pdf(r: dict) -> bytes:
    """The sponsor report (from ``services.reports.sponsor_report``) as PDF bytes."""
    ini, eng = r["initiative"], r["engagement"]
    story: list = [
        _p(ini.title, H1),
        _p(f"{eng.name} · {eng.buyer_name} (buyer) with {eng.provider_name} (provider) · status {ini.status}"
           f" · sponsor report of {r['generated_at']:%Y-%m-%d}", MUTED),
        *_fields([("Problem", ini.problem or "—"), ("Desired outcome", ini.outcome or "—")]),
        _p("KPIs and agreement", H2), *_kpis(r),
        _p("Power-ups", H2), _meters(r["power_ups"]), Spacer(1, 8), _chart(r["charts"][0]),
        CondPageBreak(SECTION_ROOM), _p("Experiments and budgets", H2), *[_chart(c) for c in r["charts"][1:]],
    ]
    if r["shadowing_budget"]:
        story.append(_p(f"Shadowing budget: {_budget(r['shadowing_budget'])}."))
    story += [_experiment(e) for e in r["experiments"]] or [_p("No experiments yet.", MUTED)]
    story += [CondPageBreak(SECTION_ROOM), _p("Customer stories", H2)]
    story += [_story(s) for s in r["stories"]] or [_p("No customer stories yet.", MUTED)]

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont("Vera", 8)
        canvas.setFillColor(colors.HexColor("#6c757d"))
        canvas.drawString(MARGIN, 9 * mm, f"Sponsor report — {ini.title}"[:110])
        canvas.drawRightString(A4[0] - MARGIN, 9 * mm, f"page {doc.page}")
        canvas.restoreState()

    out = BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, title=f"Sponsor report — {ini.title}",
                            author=eng.provider_name, subject=eng.name, creator="Co-Learning Board")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
