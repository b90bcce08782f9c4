"""Rendering conventions for protected numbers.

- Data (CSV, JSON, API, open data): a suppressed number is empty/null in ``valor`` and ``suprimido`` is true.
  Never a string such as "<11" in a numeric column: it would also be false for secondary suppressions, which
  are large counts. A small count shown as a range (``ranges``) has, besides, ``faixa`` "1 a 10" (k = 11);
  ``faixa`` is empty/null for every other number.
- People (HTML, PDF, spreadsheets for reading): "X", or the range "1 a 10", with ``legend(k)`` next to the
  table.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from . import ranges
from .primary import check_k, is_small

SUPPRESSED = "X"
NOT_RELEASED = "–"  # a cell left out of a table published at a coarser level (not a count)


def legend(k: int) -> str:
    if k <= 1:
        return ""
    return _(
        "X: valor suprimido para proteger a identidade das vítimas (contagens de 1 a %(max)d e as que "
        'permitiriam deduzi-las a partir dos totais). "1 a %(max)d": contagem pequena, mostrada como faixa '
        "onde nenhum número publicado permite estreitá-la."
    ) % {"max": k - 1}


def public_count(n: int, k: int | None = None) -> int | None:
    """A single number for a page: itself, or None (show "X") when it is from 1 to k−1.

    Only for a number that is not a part or a total of other published numbers; otherwise publish it
    through ``protect``/``protect_linked`` together with them.
    """
    return None if is_small(n, check_k(k)) else n


def display(value: int | None, ranged: bool = False, k: int = 0) -> str:
    """A number for reading: itself, "X" when suppressed, or its range ("1 a 10") when ``ranged``."""
    if value is not None:
        return str(value)
    return ranges.text(k) if ranged else SUPPRESSED


def band(table, key) -> str | None:
    """The range a suppressed number is shown as ("1 a 10"), or None."""
    return ranges.text(table.k) if key in getattr(table, "ranges", ()) else None


def to_rows(table) -> list[list]:
    """CSV rows, header first: one line per number, the table's dimensions then ``valor``, ``suprimido`` and
    ``faixa``."""
    header = [*table.layout.dims, "valor", "suprimido", "faixa"]
    return [header] + [
        [*labels, table.values[key], table.values[key] is None, band(table, key) or ""]
        for labels, key in table.layout.records
    ]


def to_dict(table) -> dict:
    """JSON: the same records as ``to_rows``, with the threshold and the legend."""
    result = {
        "tabela": table.layout.name,
        "k": table.k,
        "legenda": legend(table.k),
        "registros": [
            {
                **dict(zip(table.layout.dims, labels)),
                "valor": table.values[key],
                "suprimido": table.values[key] is None,
                "faixa": band(table, key),
            }
            for labels, key in table.layout.records
        ],
    }
    if table.epsilon is not None:
        result["privacidade_diferencial"] = {
            "epsilon": table.epsilon,
            "mecanismo": "Laplace discreto (OpenDP)",
            "nota": _("Contagens com ruído aleatório; os totais são somas das células com ruído."),
        }
    return result


def display_grid(table) -> list[list[str]]:
    """The table for reading, header first, suppressed numbers as "X" (or their range, "1 a 10") and numbers
    not released as "–"."""
    shown = getattr(table, "ranges", frozenset())
    return [list(table.layout.header)] + [
        [
            label,
            *(
                display(table.values[key], key in shown, table.k) if key in table.values else NOT_RELEASED
                for key in keys
            ),
        ]
        for label, keys in table.layout.grid
    ]
