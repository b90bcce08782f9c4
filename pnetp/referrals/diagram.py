"""A flow drawn as an SVG: one box per stage, top to bottom, joined by arrows.

Accessible: ``role="img"`` with a ``<title>`` and ``<desc>`` naming every stage in order; the page also
lists the stages as text (the text alternative). Scales to the width of the screen (viewBox).
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, BOX_H, GAP = 320, 56, 28


def _wrap(text: str, limit: int = 34) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line][:2]


def flow_svg(stages, *, title_id: str = "flow-svg-title") -> SafeString:
    height = len(stages) * (BOX_H + GAP) - GAP + 2
    desc = "; ".join(f"{s.order}. {s.name}" for s in stages)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{title_id} {title_id}-desc" class="pnetp-flow-svg" width="100%">',
        f'<title id="{title_id}">{escape(_("Etapas do fluxo"))}</title>',
        f'<desc id="{title_id}-desc">{escape(desc)}</desc>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1351b4"/></marker></defs>',
    ]
    for index, stage in enumerate(stages):
        y = 1 + index * (BOX_H + GAP)
        parts.append(
            f'<rect x="1" y="{y}" width="{WIDTH - 2}" height="{BOX_H}" rx="8" fill="#ffffff" stroke="#1351b4" stroke-width="2"/>'
        )
        lines = _wrap(f"{stage.order}. {stage.name}")
        for n, line in enumerate(lines):
            ty = y + BOX_H / 2 + (n - (len(lines) - 1) / 2) * 18 + 5
            parts.append(
                f'<text x="{WIDTH / 2}" y="{ty:.0f}" text-anchor="middle" font-size="15" fill="#071d41" '
                f'font-family="Rawline, Raleway, sans-serif">{escape(line)}</text>'
            )
        if index < len(stages) - 1:
            parts.append(
                f'<line x1="{WIDTH / 2}" y1="{y + BOX_H}" x2="{WIDTH / 2}" y2="{y + BOX_H + GAP - 4}" '
                'stroke="#1351b4" stroke-width="2" marker-end="url(#arrow)"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text is escaped above
