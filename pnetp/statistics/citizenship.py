"""Victims by citizenship (activities 2.3.2 and 2.6.1), a multi-valued variable: a person may have several.

A ``multivalued`` table: rows Brasil, the main foreign countries (over all years), other citizenships, not
informed and "informed" (CTDC's denominator), by published year and over all years. It counts the flows'
persons another way, so it is protected with the flows in one system (``linked``) and stored with the
release (``PublicRelease.citizenship``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pnetp.disclosure import OverlapTable, ProtectedTable

from . import multivalued
from .catalogue import Indicator
from .flows import BRAZIL

VAR = "nacionalidade"
TOP_N = 8  # foreign countries shown by name, as in the flows

INDICATOR = Indicator(
    code="vitimas-nacionalidade",
    name=gettext_lazy("Vítimas por nacionalidade"),
    definition=gettext_lazy(
        "Pessoas únicas vítimas com cada nacionalidade em algum de seus registros. Uma pessoa pode ter mais de "
        "uma nacionalidade: as linhas não somam o total. Percentuais sobre as vítimas com nacionalidade "
        "informada (regra do CTDC)."
    ),
    numerator=gettext_lazy("Vítimas com a nacionalidade"),
    denominator=gettext_lazy("Vítimas com nacionalidade informada"),
    factor=1,
    disaggregations=("ano",),
    table="nacionalidades",
)


def single(combo: frozenset[str]) -> str | None:
    """The one citizenship the flow tables use for a person with these (``flows.Person.cit``)."""
    return BRAZIL if BRAZIL in combo else min(combo, default=None)


def dimension(combos: list[frozenset[str]], names: dict[str, str], top_n: int = TOP_N) -> multivalued.Dimension:
    """Brasil, then the ``top_n`` most frequent foreign citizenships (ties by code), other, unknown, known."""
    counts = Counter(code for combo in combos for code in combo if code != BRAZIL)
    foreign = sorted(counts, key=lambda code: (-counts[code], code))[:top_n]
    labels = {code: names.get(code, code) for code in [BRAZIL, *foreign]}
    rows = multivalued.value_rows(labels, unknown_label(), known=known_label(), other=_("Outras nacionalidades"))
    return multivalued.Dimension(VAR, rows, _("nacionalidades: %(codes)s"))


def unknown_label() -> str:
    return _("Nacionalidade não informada")


def known_label() -> str:
    return _("Vítimas com nacionalidade informada")


def table(
    people: list[tuple[str, frozenset[str]]],
    dimension_: multivalued.Dimension,
    years: list[str],
    links: list[tuple[dict, Callable]] = (),
) -> OverlapTable:
    """``people``: (year group, citizenships) per person; ``years``: the published years (columns)."""
    return multivalued.table(
        people, dimension_, columns=years, links=links, name=_("Vítimas por nacionalidade (múltipla) e ano")
    )


def rows(protected: ProtectedTable | None) -> list[dict]:
    """Each row with its numbers by year and all years, and its share of the persons with a known citizenship
    over all years (None when not published); the "informed" and "not informed" rows carry no share. Then
    the total of persons."""
    table = multivalued.rows(protected, total=True)
    known = next((values[-1] for label, values in table if label == known_label()), None)
    plain = (known_label(), unknown_label())
    rows_ = [
        {
            "label": label,
            "values": values,
            "has_share": label not in plain,
            "share": None if label in plain else multivalued.share(values[-1], known),
        }
        for label, values in table[:-1]
    ]
    if table:  # the total: persons, not a sum of the rows
        rows_.append(
            {"label": _("Total de vítimas (pessoas)"), "values": table[-1][1], "has_share": False, "share": None}
        )
    return rows_


def columns(protected: ProtectedTable | None) -> list[str]:
    return [] if protected is None else list(protected.layout.header[1:])
