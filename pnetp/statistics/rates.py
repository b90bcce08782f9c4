"""Victims per 100,000 inhabitants by municipality, from PUBLISHED counts and IBGE population only.

A rate is the published count times 100,000 over the population: it says nothing the count does not, and
a suppressed count (None) gives a suppressed rate. No population loaded for a municipality: no rate.
Not in ``catalogue.INDICATORS`` (whose values come from the statistics tables): it is the indicator of the
municipality pages (``RATE_INDICATOR``).
"""

from django.utils.translation import gettext_lazy as _

from . import maps, published
from .catalogue import Indicator

FACTOR = 100_000

RATE_INDICATOR = Indicator(
    code="vitimas-por-100-mil-habitantes",
    name=_("Vítimas por 100 mil habitantes"),
    definition=_(
        "Vítimas identificadas (pessoas únicas) cujo local de exploração é o município, todos os anos, por "
        "100 mil habitantes. Só sobre contagens publicadas: contagem suprimida, taxa suprimida."
    ),
    numerator=_("Vítimas exploradas no município (contagem publicada)"),
    denominator=_("População residente do município (IBGE, último ano carregado)"),
    factor=FACTOR,
    disaggregations=("uf",),
    table="place",
    source=_("SISETP (tabela publicada UF → município) e IBGE (população residente)"),
)


def rate(count: int | None, population: int | None) -> float | None:
    """Per 100,000, one decimal; None when the count is suppressed or the population unknown."""
    if count is None or not population:
        return None
    return round(count * FACTOR / population, 1)


def place_release() -> maps.PlaceRelease:
    """The published UF → municipality table, from ``published.places`` (the one public entry)."""
    return published.places()


def uf_is_published(result: maps.PlaceRelease, uf: str, year: str | None) -> bool:
    """Whether the municipalities of ``uf`` are published for ``year`` (None: all years together).

    A UF whose own numbers are suppressed publishes no municipality number, not even a 0 (see
    ``place_protection``); one whose years are partly suppressed publishes only all-years totals.
    """
    level = (getattr(result, "levels", None) or {}).get(uf)
    return level != "nenhum" and not (year and level == "total")


def published_counts(result: maps.PlaceRelease, municipalities, year: str | None = None) -> dict[int, int | None]:
    """{IBGE code: published count} for (code, UF abbreviation) pairs; 0 = no record, None = not published."""
    counts = result.municipality_counts(year)
    published = {}
    for code, uf in municipalities:
        published[code] = counts.get(code, 0) if uf_is_published(result, uf, year) else None
    return published
