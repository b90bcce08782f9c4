"""The municipalities of one UF coloured by their PUBLISHED victim count (same classes as the UF map).

Every number comes from the published UF → municipality table (``rates.place_release``): a suppressed count
is "X" (class ``x``, drawn with a hatch pattern), a municipality without records is a published 0.
"""

from __future__ import annotations

import json

from pnetp.disclosure import legend, make_key
from pnetp.territory import geometry
from pnetp.territory.population import latest_populations

from . import compute, maps, published
from .place_protection import NONE
from .rates import published_counts, rate, uf_is_published
from .vulnerability import tiers

MAP_SIZE = 640


def _unknown_municipality(result: maps.PlaceRelease, uf: str, year: str | None) -> int | None:
    """The UF's "município não informado" item as published; 0 when the UF has no such record."""
    if not uf_is_published(result, uf, year):
        return None
    key = make_key(compute.UNIVERSE, [("municipio", maps.unknown_municipality(uf)), *([("ano", year)] if year else [])])
    return result.table.values[key] if key in result.table.values else 0


def municipality_map(uf, result: maps.PlaceRelease, year: str | None) -> dict:
    """Rows (one per municipality, by name) with value, class, rate and SVG path; the UF total and unknowns."""
    result = result.of_uf(uf.abbreviation, year)  # the stored release reads only this UF's part
    breaks = maps.class_breaks(result.k)
    populations = latest_populations(int(year) if year else None)
    municipalities = list(uf.municipalities.only("ibge_code", "name", "boundary", "uf_id").order_by("name"))
    counts = published_counts(result, [(m.pk, uf.abbreviation) for m in municipalities], year)
    outlines = {m.pk: json.loads(m.boundary) for m in municipalities if m.boundary}
    projection = geometry.fit(list(outlines.values()), size=MAP_SIZE) if outlines else None
    rows = []
    for m in municipalities:
        value = counts[m.pk]
        population = populations.get(m.pk, (None, None))
        rows.append(
            {
                "municipality": m,
                "value": value,
                "shown": result.municipality_shown(m.pk, year) if value is None else None,  # "X" or "1 a 10"
                "class": maps.map_class(value, breaks),
                "population": population[0],
                "population_year": population[1],
                "rate": rate(value, population[0]),
                "path": projection.path(outlines[m.pk]) if projection and m.pk in outlines else "",
            }
        )
    return {
        "rows": rows,
        "viewbox": projection.viewbox if projection else None,
        "uf_total": result.uf_count(uf.abbreviation, year),
        "unknown": _unknown_municipality(result, uf.abbreviation, year),
        "published": uf_is_published(result, uf.abbreviation, year),
        "without_outline": [r["municipality"] for r in rows if not r["path"]],
        "has_population": bool(populations),
    }


# The index tiers drawn with the count classes' fills (and so their patterns): "indisponível" is hatched like X.
TIER_CLASS = {"sem": "0", "baixa": "1", "media": "2", "alta": "3", "muito-alta": "4", "indisponivel": "x"}


def index_layer(data: dict, index) -> list[tuple[str, str]]:
    """Recolours ``data`` (from ``municipality_map``) by vulnerability tier; returns the legend."""
    labels = dict(tiers())
    for row in data["rows"]:
        found = index.rows.get(row["municipality"].pk)
        tier = found.tier if found else "indisponivel"
        row |= {"class": TIER_CLASS[tier], "score": found.score if found else None, "tier": labels[tier]}
    return [(TIER_CLASS[code], label) for code, label in tiers()]


def municipality_summary(municipality) -> dict:
    """The municipality page's numbers, all years together: count and ranks in its UF and in Brazil."""
    result = published.places()
    counts = result.municipality_counts(None)
    in_uf = {code: v for code, v in counts.items() if code // 100000 == municipality.uf_id}
    if result.levels.get(municipality.uf.abbreviation) == NONE:
        value = None  # its UF's municipalities are not published: neither its count nor a zero
    else:
        value = counts.get(municipality.ibge_code, 0)  # not listed: no record (a UF without records too)
    return {
        "value": value,
        "rank_uf": maps.rank(municipality.ibge_code, in_uf),
        "rank_brazil": maps.rank(municipality.ibge_code, counts),
        "legend": legend(result.k),
        "release": result,  # its computed_at dates the numbers
    }
