"""Charts of the sponsor report as plain shapes: one layout, drawn as inline SVG (HTML) and in the PDF.

Coordinates are SVG's: origin top left, y growing downwards. Every function here is pure.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from ..powerups import METERS, BudgetLine, Point
from ..services.money import text as money

COLORS = {"courage": "#d9480f", "budget": "#2b8a3e", "story": "#1c7ed6", "approved": "#a5d8ff",
          "spent": "#1864ab", "grid": "#dee2e6", "ink": "#343a40"}
WIDTH = 640
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 34, 40  # margins of the plot area


@dataclass(frozen=True)
class Line:
    kind: ClassVar[str] = "line"
    x1: float
    y1: float
    x2: float
    y2: float
    color: str
    width: float = 1.0


@dataclass(frozen=True)
class Rect:
    kind: ClassVar[str] = "rect"
    x: float
    y: float
    w: float
    h: float
    color: str


@dataclass(frozen=True)
class Path:
    """An open polyline."""

    kind: ClassVar[str] = "path"
    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 2.5

    @property
    def svg_points(self) -> str:
        """The points as SVG's ``points`` attribute wants them."""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass(frozen=True)
class Label:
    kind: ClassVar[str] = "label"
    x: float
    y: float  # the baseline
    text: str
    color: str = COLORS["ink"]
    size: float = 10
    anchor: str = "start"  # start, middle or end


@dataclass(frozen=True)
class Chart:
    title: str
    width: float
    height: float
    shapes: tuple


def _legend(items: list[tuple[str, str]]) -> list:
    """A key in the top right corner: a swatch and a name per (name, color)."""
    shapes, x = [], WIDTH - RIGHT
    for name, color in reversed(items):
        x -= 7 * len(name) + 30
        shapes += [Rect(x, 7, 10, 10, color), Label(x + 14, 16, name)]
    return shapes


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n - 1] + "…"


def power_ups(points: list[Point], start: datetime, end: datetime) -> Chart:
    """Courage, budget and story levels (0-3) as step lines from ``start`` to ``end``."""
    height = 220
    plot_w, plot_h = WIDTH - LEFT - RIGHT, height - TOP - BOTTOM
    span = max((end - start).total_seconds(), 1.0)

    def x(at: datetime) -> float:
        return LEFT + plot_w * min(max((at - start).total_seconds() / span, 0.0), 1.0)

    def y(level: int, offset: float) -> float:
        return TOP + plot_h * (1 - level / 3) + offset

    shapes: list = []
    for level in range(4):
        shapes.append(Line(LEFT, y(level, 0), LEFT + plot_w, y(level, 0), COLORS["grid"]))
        shapes.append(Label(LEFT - 8, y(level, 0) + 4, f"level {level}", anchor="end", size=9))
    shapes.append(Label(LEFT, height - 14, f"{start:%Y-%m-%d}", size=9))
    shapes.append(Label(LEFT + plot_w, height - 14, f"{end:%Y-%m-%d}", size=9, anchor="end"))
    for i, meter in enumerate(METERS):
        offset = (i - 1) * 3.0  # equal levels stay apart
        level, path = 0, [(x(start), y(0, offset))]
        for p in points:
            path += [(x(p.at), y(level, offset)), (x(p.at), y(p.levels[meter], offset))]
            level = p.levels[meter]
        path.append((x(end), y(level, offset)))
        shapes.append(Path(tuple(path), COLORS[meter]))
    shapes += _legend([(m.capitalize(), COLORS[m]) for m in METERS])
    return Chart("Power-ups over time", WIDTH, height, tuple(shapes))


def budget(lines: list[tuple[str, BudgetLine]], currency: str) -> Chart:
    """Approved and spent per budget (``(label, line)`` pairs), one pair of bars each, in ``currency``."""
    label_w, row_h, bar_h = 190, 34, 11
    height = TOP + row_h * max(len(lines), 1) + 24
    plot_w = WIDTH - label_w - RIGHT - 90
    top = max([max(line.approved_cents, line.spent_cents) for _, line in lines] + [1])
    shapes: list = [Line(label_w, TOP - 6, label_w, height - 20, COLORS["grid"])]
    for i, (label, line) in enumerate(lines):
        y0 = TOP + i * row_h
        shapes.append(Label(label_w - 8, y0 + bar_h + 3, _short(label, 30), anchor="end"))
        for j, (name, cents) in enumerate((("approved", line.approved_cents), ("spent", line.spent_cents))):
            w = plot_w * cents / top
            yb = y0 + j * (bar_h + 2)
            shapes.append(Rect(label_w, yb, max(w, 1.0), bar_h, COLORS[name]))
            shapes.append(Label(label_w + max(w, 1.0) + 6, yb + bar_h - 2, money(cents, currency), size=9))
    if not lines:
        shapes.append(Label(label_w + 8, TOP + 14, "No budget requested yet."))
    shapes += _legend([("Approved", COLORS["approved"]), ("Spent", COLORS["spent"])])
    return Chart(f"Budget approved vs spent ({currency})", WIDTH, height, tuple(shapes))


def kpi_trend(name: str, values: list[float], baseline: float | None, target: float | None) -> Chart | None:
    """A small line of a KPI's measured values (oldest first) between its baseline and target lines
    (grey and green); ``None`` for fewer than two values (nothing to draw a trend from)."""
    if len(values) < 2:
        return None
    width, height, pad = 160, 36, 4
    refs = [v for v in (baseline, target) if v is not None]
    lo, hi = min(values + refs), max(values + refs)
    span = (hi - lo) or 1.0

    def y(v: float) -> float:
        return pad + (height - 2 * pad) * (1 - (v - lo) / span)

    step = (width - 2 * pad) / (len(values) - 1)
    shapes: list = [Line(0, y(v), width, y(v), color) for v, color in ((baseline, COLORS["grid"]),
                                                                       (target, COLORS["budget"])) if v is not None]
    shapes.append(Path(tuple((pad + i * step, y(v)) for i, v in enumerate(values)), COLORS["story"], 2.0))
    return Chart(f"{name}: the last {len(values)} measurements", width, height, tuple(shapes))
