"""Horizontal bar charts as inline SVG, drawn on the server (the PDF runs no JavaScript).

Every bar carries its label and its value as text, and a fill pattern (hatching, dots…) as well
as a colour, so a chart reads on a black-and-white print and by people who do not see colour.
Each chart is followed in the report by a table with the same data.
"""

import math
from dataclasses import dataclass
from itertools import count

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from pnetp.core.templatetags.pnetp_tags import num

# Pattern ids defined in bar_chart.svg, in the order they are handed out.
PATTERNS = ("diagonal", "dots", "cross", "horizontal", "solid", "vertical", "checker", "reverse")
WIDTH = 640
LABEL_WIDTH = 190  # room for "Sem relatório aprovado" at 11 px
BAR_AREA = 340
ROW = 26
BAR_HEIGHT = 16
TOP = 8
MAX_LABEL = 30

_ids = count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: float
    width: float
    pattern: str

    @property
    def text_x(self) -> float:
        return round(LABEL_WIDTH + self.width + 6, 2)


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _count_ticks(maximum: int) -> tuple[int, list[int]]:
    """A round scale for counts: (scale maximum, tick values)."""
    step = max(1, math.ceil(maximum / 5))
    top = step * max(1, math.ceil(maximum / step))
    return top, list(range(0, top + 1, step))


def _pattern(index: int, varied: bool, total_first: bool) -> str:
    if total_first:
        return "solid" if index == 0 else PATTERNS[0]
    return PATTERNS[index % len(PATTERNS)] if varied else PATTERNS[0]


def bar_chart(
    title: str, items: list[tuple[str, float, str]], *, percent: bool, varied: bool = False, total_first: bool = False
) -> SafeString:
    """``items`` are (label, value, value as text). Percent charts run 0–100; count charts get a
    round scale. ``varied`` gives each bar its own pattern (categories) instead of one (series);
    ``total_first`` sets the first bar (a total) apart from the parts after it."""
    if percent:
        top, ticks = 100, [0, 25, 50, 75, 100]
    else:
        top, ticks = _count_ticks(max((value for _label, value, _text in items), default=0))
    scale = BAR_AREA / top
    bars = [
        Bar(
            label=_short(label),
            text=text,
            y=TOP + index * ROW,
            width=round(max(value or 0, 0) * scale, 2),
            pattern=_pattern(index, varied, total_first),
        )
        for index, (label, value, text) in enumerate(items)
    ]
    axis_y = TOP + len(items) * ROW
    context = {
        "id": f"chart{next(_ids)}",
        "title": title,
        "width": WIDTH,
        "height": axis_y + 22,
        "label_x": LABEL_WIDTH - 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "track_width": BAR_AREA if percent else 0,  # the 0–100% scale behind each bar
        "text_dy": BAR_HEIGHT - 4,
        "axis_y": axis_y,
        "tick_label_y": axis_y + 14,
        "bars": bars,
        "ticks": [Tick(LABEL_WIDTH + value * scale, f"{value}%" if percent else num(value)) for value in ticks],
    }
    return render_to_string("monitoring/report/bar_chart.svg", context)
