"""Charts as inline SVG drawn on the server: no JavaScript, no CDN.

Each chart reads without colour: every bar has a fill pattern as well as a colour, values are
written beside or inside the bars, and the figure template adds a data table with the same
numbers in a ``<details>`` ("Ver tabela de dados"). Text uses ``currentColor`` so it follows the
page's colours, including the high-contrast mode.
"""

import math
import textwrap
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

FONT = 13
MAX_LABEL = 30


@dataclass(frozen=True)
class Fill:
    """A fill pattern: ``background`` plus ``ink`` marks drawn by ``mark`` (an SVG path or circle)."""

    name: str
    background: str
    ink: str
    mark: str  # "" for a plain fill


# Colours of the gov.br DS palette; the marks keep neighbours apart in grey scale too.
FILLS = (
    Fill("dots", "#e6e6e6", "#333333", "circle"),
    Fill("diagonal", "#c5d4eb", "#1351b4", "M-1,1 l2,-2 M0,8 l8,-8 M7,9 l2,-2"),
    Fill("horizontal", "#fde0db", "#b21c0f", "M0,4 h8"),
    Fill("cross", "#d4f0d1", "#168821", "M0,4 h8 M4,0 v8"),
    Fill("solid", "#0c326f", "#0c326f", ""),
    Fill("checker", "#ffffff", "#555555", "M0,0 h4 v4 h-4 z M4,4 h4 v4 h-4 z"),
    Fill("vertical", "#ede3f7", "#5d2a8c", "M4,0 v8"),
    Fill("reverse", "#fff5c2", "#7a5a00", "M-1,7 l2,2 M0,0 l8,8 M7,-1 l2,2"),
)
BLANK = Fill("blank", "#ffffff", "#ffffff", "")  # "no approved report": an outlined empty box
PROGRESS_FILL = FILLS[1]


def short(label: str, limit: int = MAX_LABEL) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


WRAP = 36  # characters per line of a wrapped bar label (two lines)


def wrap(label: str, limit: int = WRAP, lines: int = 2) -> tuple[str, ...]:
    """A bar's label on up to ``lines`` lines of ``limit`` characters, cut ("…") only past the last line."""
    parts = textwrap.wrap(label, limit) or [""]
    if len(parts) > lines:
        parts = parts[: lines - 1] + [short(" ".join(parts[lines - 1 :]), limit)]
    return tuple(parts)


def label_lines(lines: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(dy, text) for the <tspan>s of a label, centred on the bar's text baseline."""
    first = f"{-0.55 * (len(lines) - 1):.2f}em"
    return tuple((first if index == 0 else "1.1em", line) for index, line in enumerate(lines))


def percent_text(value: Decimal | None) -> str:
    """ "66,7%": at most one decimal, Brazilian decimal comma, "40%" for whole numbers; "—" when nothing to measure."""
    if value is None:
        return "—"
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded:.1f}".replace(".", ",").removesuffix(",0") + "%"


@dataclass(frozen=True)
class Table:
    """The data table that goes with a chart."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    numeric_from: int = 1  # columns from this index on are numbers (right-aligned)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    template: str
    width: int
    height: int
    table: Table
    fills: tuple[Fill, ...] = ()
    legend: tuple[tuple[Fill, str], ...] = ()
    parts: dict = field(default_factory=dict)


# ---------------------------------------------------------------- progress bars (0–100%)

LABEL_W = 280
BAR_AREA = 380
ROW = 28
BAR_H = 18
TOP = 10


@dataclass(frozen=True)
class ProgressBar:
    label: str
    y: int
    width: float
    text: str
    lines: tuple[tuple[str, str], ...] = ()  # (dy, text) of the wrapped label

    @property
    def text_y(self) -> int:
        return self.y + BAR_H - 4


def label_width(labels) -> int:
    """Room for the longest (shortened) label at 13 px, so short labels leave no empty margin."""
    return min(max((round(len(label) * 7.2) + 16 for label in labels), default=0), LABEL_W)


def progress_chart(id: str, title: str, description: str, rows, columns, table_rows) -> Chart:
    """``rows`` are (label, progress as Decimal or None); the scale always runs from 0 to 100%."""
    wrapped = [wrap(label) for label, _value in rows]
    left = label_width([line for lines in wrapped for line in lines])
    bars = [
        ProgressBar(" ".join(lines), TOP + index * ROW, round(float(value or 0) * BAR_AREA / 100, 2),
                    percent_text(value), label_lines(lines))
        for index, (lines, (_label, value)) in enumerate(zip(wrapped, rows, strict=True))
    ]  # fmt: skip
    axis_y = TOP + len(bars) * ROW
    ticks = [(left + pct * BAR_AREA / 100, f"{pct}%") for pct in (0, 25, 50, 75, 100)]
    parts = {"bars": bars, "label_x": left - 8, "bar_x": left, "bar_area": BAR_AREA, "bar_h": BAR_H,
             "axis_y": axis_y, "tick_y": axis_y + 16, "ticks": ticks}  # fmt: skip
    table = Table(tuple(columns), tuple(table_rows))
    return Chart(id, title, description, "monitoring/dashboards/svg_progress.html", left + BAR_AREA + 72,
                 axis_y + 24, table, (PROGRESS_FILL,), parts=parts)  # fmt: skip


# ---------------------------------------------------------------- stacked bars (counts)

STACK_AREA = 400
MIN_LABELLED = 22  # narrower segments leave their number to the data table


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    fill: Fill
    text: str

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class StackedBar:
    label: str
    y: int
    segments: tuple[Segment, ...]
    total_x: float
    total: int
    lines: tuple[tuple[str, str], ...] = ()  # (dy, text) of the wrapped label

    @property
    def text_y(self) -> int:
        return self.y + BAR_H - 4


def category_fills(categories, blank_last: bool) -> list[Fill]:
    fills = [FILLS[index % len(FILLS)] for index in range(len(categories))]
    if blank_last and fills:
        fills[-1] = BLANK
    return fills


def stacked_chart(
    id: str, title: str, description: str, row_header: str, categories, rows, *, total: str, blank_last: bool = False
) -> Chart:
    """``rows`` are (label, counts aligned with ``categories``). The last category may be drawn
    as an empty box (``blank_last``): "no approved report" is an absence, not a colour."""
    fills = category_fills(categories, blank_last)
    left = label_width([line for label, _counts in rows for line in wrap(label)])
    top = max((sum(counts) for _label, counts in rows), default=0) or 1
    scale = STACK_AREA / top
    bars = []
    for index, (label, counts) in enumerate(rows):
        x, segments = float(left), []
        for count, fill in zip(counts, fills, strict=True):
            if count:
                width = round(count * scale, 2)
                segments.append(Segment(round(x, 2), width, fill, str(count) if width >= MIN_LABELLED else ""))
                x += width
        lines = wrap(label)
        bars.append(StackedBar(" ".join(lines), TOP + index * ROW, tuple(segments), round(x + 6, 2), sum(counts),
                               label_lines(lines)))  # fmt: skip
    axis_y = TOP + len(bars) * ROW
    step = max(1, math.ceil(top / 5))
    ticks = [(round(left + value * scale, 2), str(value)) for value in range(0, top + 1, step)]
    parts = {"bars": bars, "label_x": left - 8, "bar_x": left, "bar_h": BAR_H, "axis_y": axis_y,
             "tick_y": axis_y + 16, "ticks": ticks}  # fmt: skip
    table = Table(
        (row_header, *categories, total),
        tuple((label, *counts, sum(counts)) for label, counts in rows),
    )
    legend = tuple(zip(fills, categories, strict=True))
    width = left + STACK_AREA + 48
    return Chart(id, title, description, "monitoring/dashboards/svg_stacked.html", width, axis_y + 24, table,
                 tuple(fills), legend, parts)  # fmt: skip


# ---------------------------------------------------------------- timeline (Gantt-like)

GANTT_WIDTH = 960
GANTT_LABEL_W = 64
GANTT_AREA = GANTT_WIDTH - GANTT_LABEL_W - 16
GANTT_ROW = 20
GANTT_BAR_H = 12
GANTT_TOP = 28


@dataclass(frozen=True)
class GanttBar:
    label: str
    y: int
    x: float
    width: float
    fill: Fill | None  # None: no dates

    @property
    def text_y(self) -> int:
        return self.y + GANTT_BAR_H


def gantt_chart(id: str, title: str, description: str, start_year: int, end_year: int, rows, kinds, today: date,
                table: Table) -> Chart:  # fmt: skip
    """``rows`` are (label, start, end, kind); ``kinds`` maps each kind to its legend text, in
    legend order. Missing dates are drawn as open to the plan's start or end."""
    first, last = date(start_year, 1, 1), date(end_year + 1, 1, 1)
    span = (last - first).days
    fills = dict(zip(kinds, (FILLS[4], FILLS[2], FILLS[3]), strict=False))  # as in the status chart

    def x_of(day: date) -> float:
        clipped = min(max(day, first), last)
        return round(GANTT_LABEL_W + (clipped - first).days * GANTT_AREA / span, 2)

    bars = []
    for index, (label, start, end, kind) in enumerate(rows):
        y = GANTT_TOP + index * GANTT_ROW
        if start is None and end is None:
            bars.append(GanttBar(label, y, GANTT_LABEL_W, 0, None))
            continue
        x0, x1 = x_of(start or first), x_of(end or last)
        bars.append(GanttBar(label, y, x0, max(round(x1 - x0, 2), 2), fills[kind]))
    axis_y = GANTT_TOP + len(bars) * GANTT_ROW
    years = [(x_of(date(year, 1, 1)), x_of(date(year, 7, 1)), str(year)) for year in range(start_year, end_year + 1)]
    today_x = x_of(today) if first <= today < last else None
    parts = {"bars": bars, "label_x": GANTT_LABEL_W - 6, "bar_h": GANTT_BAR_H, "axis_y": axis_y, "years": years,
             "end_x": x_of(last), "today_x": today_x, "today_y": axis_y + 14,
             "undated_x": GANTT_LABEL_W + 4}  # fmt: skip
    legend = tuple((fills[kind], text) for kind, text in kinds.items())
    return Chart(id, title, description, "monitoring/dashboards/svg_gantt.html", GANTT_WIDTH, axis_y + 20, table,
                 tuple(fills.values()), legend, parts)  # fmt: skip
