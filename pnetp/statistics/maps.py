"""Victims by UF and by municipality of exploitation, protected for the map page and the municipality page.

One ``HierarchicalTable`` (UF → municipality, one column per year) is published with the tables of the
statistics page (``compute.count_tables``): its UF × year cells and totals are the same items as theirs, so
they have one suppression status; each UF's municipalities are protected against that published UF row
(``place_protection``), and ``release.public_release`` audits every public table together.

Ranks are positions among *published* municipality counts only: a suppressed count may hide any value, so
ranking it — or ranking others around it — would say something about it.
"""

from __future__ import annotations

import duckdb
from django.db.models import Avg
from django.utils.translation import gettext as _

from pnetp.core.text import fold
from pnetp.disclosure import HierarchicalTable
from pnetp.mapear.geo import map_position
from pnetp.territory.models import FederativeUnit, Municipality

from . import compute
from .domain import PlaceRelease, rank

__all__ = ["PlaceRelease", "rank"]  # rank: the competition rank of published counts (domain)

# The same person choice as compute.PERSON_SQL, keeping the municipality of the event that gave the UF.
PLACE_SQL = """
WITH place AS (
    SELECT case_id, arg_min({'uf': uf, 'mun': mun}, seq) AS p FROM exploitation GROUP BY case_id
), rec AS (
    SELECT coalesce(x.person_key, 'PSE-' || x.pseudonym) AS pkey, pl.p,
           coalesce(x.identified, x.reported) AS day, x.pseudonym
    FROM persons x LEFT JOIN place pl USING (case_id)
), person AS (
    SELECT pkey, year(min(day)) AS ano, arg_min(p, (day, pseudonym)) AS p FROM rec GROUP BY pkey
)
SELECT p.uf, p.mun, ano, COUNT(*) FROM person GROUP BY ALL
"""


def count_places() -> dict[tuple[str | None, int | None, int], int]:
    """{(UF, IBGE code or None, year): unique persons}."""
    persons, exploitation = compute.extract()  # the release's frame: exploitation events with their municipality
    con = duckdb.connect()
    try:
        con.register("persons", persons)
        con.register("exploitation", exploitation)
        rows = con.execute(PLACE_SQL).fetchall()
    finally:
        con.close()
    return {(uf, mun, ano): n for uf, mun, ano, n in rows}


def unknown_uf_label() -> str:
    return _("Não informada")  # compute's ano_uf row label for persons without an exploitation UF


def unknown_municipality(uf_label: str) -> str:
    return _("%(uf)s – município não informado") % {"uf": uf_label}


def place_table(counts: dict, years: list[str]) -> HierarchicalTable:
    """UF → municipality × year, labelled like ``compute``'s ano_uf table so the shared items link up."""
    unknown_uf = unknown_uf_label()
    groups: dict[str, dict[str, list[int]]] = {}
    unknown_child: dict[str, str] = {}  # labels translated once per UF, not once per count
    column = {year: i for i, year in enumerate(years)}
    for (uf, mun, ano), n in sorted(counts.items(), key=lambda item: (item[0][0] or "~", item[0][1] or 0)):
        uf_label = uf or unknown_uf
        if mun:
            child = str(mun)
        elif (child := unknown_child.get(uf_label)) is None:
            child = unknown_child[uf_label] = unknown_municipality(uf_label)
        row = groups.setdefault(uf_label, {}).setdefault(child, [0] * len(years))
        row[column[str(ano)]] += n
    if unknown_uf in groups:  # last, as in ano_uf
        groups[unknown_uf] = groups.pop(unknown_uf)
    return HierarchicalTable(
        groups,
        cols=years,
        parent_var="uf",
        child_var="municipio",
        col_var="ano",
        universe=compute.UNIVERSE,
        name=_("Vítimas por município do local de exploração e ano"),
    )


def class_breaks(k: int) -> list[int]:
    """Lower bounds of the map classes above zero; fixed multiples of k so they reveal nothing of the data."""
    k = max(k, 1)
    return [k, 2 * k, 5 * k, 10 * k]


def map_class(value: int | None, breaks: list[int]) -> str:
    if value is None:
        return "x"
    if value == 0:
        return "0"
    return str(sum(1 for b in breaks if value >= b))  # "1".."4"


def legend_classes(breaks: list[int]) -> list[tuple[str, str]]:
    bounds = [*breaks, None]
    return [("0", _("Nenhuma vítima")), ("x", _("X: suprimido"))] + [
        (
            str(i + 1),
            _("%(low)d a %(high)d") % {"low": low, "high": high - 1} if high else _("%(low)d ou mais") % {"low": low},
        )
        for i, (low, high) in enumerate(zip(bounds, bounds[1:]))
    ]


ALL_YEARS = "todos"  # the map's "ano" for all years together


def fullest_period(result: PlaceRelease) -> str | None:
    """The period the map shows by default: the year (None: all years) whose UFs and municipalities publish
    the most numbers; on a tie a year before all years, and the latest year. None without records."""
    if not result.years:
        return None
    published = result.published_by_period()
    return max(published, key=lambda year: (published[year], year is not None, year or ""))


def uf_map(result: PlaceRelease, year: str | None) -> list[dict]:
    """One entry per UF: published count for the year, class, outline and label position."""
    breaks = class_breaks(result.k)
    seats = {
        row["uf_id"]: row
        for row in Municipality.objects.values("uf_id").annotate(lat=Avg("latitude"), lon=Avg("longitude"))
    }
    ufs = []
    # Sorted by the folded name: "Pará, Paraíba, Paraná" whatever the database's collation.
    for uf in sorted(FederativeUnit.objects.all(), key=lambda uf: fold(uf.name)):
        value = result.uf_count(uf.abbreviation, year)
        seat = seats.get(uf.ibge_code)
        x, y = map_position(seat["lat"], seat["lon"]) if seat else (None, None)
        shown = result.uf_shown(uf.abbreviation, year) if value is None else None  # "X" or "1 a 10"
        ufs.append({"uf": uf, "value": value, "shown": shown, "class": map_class(value, breaks), "x": x, "y": y})
    return ufs


def municipality_ranking(result: PlaceRelease, year: str | None, limit: int = 20) -> list[dict]:
    """The municipalities with the largest published counts, each with its UF's published total."""
    published = result.ranking(year, limit)
    names = Municipality.objects.select_related("uf").in_bulk([code for code, _v, _rank in published])
    return [
        {
            "municipality": names.get(code),
            "code": code,
            "value": v,
            "rank": position,
            "uf_value": result.uf_count(names[code].uf.abbreviation, year) if code in names else None,
        }
        for code, v, position in published
    ]
