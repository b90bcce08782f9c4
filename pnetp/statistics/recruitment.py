"""Victims by municipality of recruitment (all years): the input of the vulnerability index's recruitment part.

Two tables, both in the release:

- the recruitment UF totals (a ``disclosure.OverlapTable`` over parts "year × recruitment place × exploited
  in Brazil or not"), tied by links to the flows' table (b), which publishes each year's persons exploited in
  Brazil by UF of recruitment; protected with the flows in one system (``linked``);
- UF of recruitment → municipality (``HierarchicalTable``), each UF's municipalities protected as a block
  against its published UF total (``place_protection``), as the municipalities of exploitation are. A
  municipality count within a UF and the split of that UF's total by year are tied only by the UF total (any
  two margins with the same sum fit some table), so the block is as safe alone as in the joint system.

The recruitment place is the flows' one: the first recruitment event with a known country of the earliest
record that knows it; the municipality only when it lies in that event's UF.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from django.utils.translation import gettext as _

from pnetp.disclosure import HierarchicalTable, OverlapTable
from pnetp.territory.models import Country

from . import compute, maps
from .flows import BRAZIL, Buckets, Person, recruitment_code
from .place_protection import NONE

PARENT, CHILD = "uf_aliciamento", "municipio_aliciamento"


def place_label(code: str | None) -> str:
    """A recruitment place as a row of the UF table: its UF, "Exterior" or "Não informada"."""
    if code == "exterior":
        return _("Exterior")
    return code or _("Não informada")


def uf_table(
    people: Iterable[tuple[str, Person]], places: list[str | None], years: list[str], flow_rows: dict[str, Buckets]
) -> OverlapTable:
    """Victims by recruitment place (``places``: every code that occurs), by published year and all years.

    ``people``: (year group, person); ``flow_rows``: each published year's row buckets of the flows' (b),
    for the links. Parts: year group × place × exploited in Brazil or not.
    """
    counts = Counter((group, recruitment_code(p.recr), p.expl[0] == BRAZIL) for group, p in people)
    part = {key: f"{key[0]} | {key[1] or '-'} | {'BR' if key[2] else 'nao-BR'}" for key in counts}
    brazil = brazil_name()
    cols = [*((year, {"ano": year}) for year in years), (_("Todos os anos"), {})]
    sums = []
    anywhere = object()
    for pairs, code in [*(({PARENT: place_label(code)}, code) for code in places), ({}, anywhere)]:
        for _label, col in cols:
            sums.append(
                (
                    {**pairs, **col},
                    [
                        p
                        for key, p in part.items()
                        if (code is anywhere or key[1] == code) and (not col or key[0] == col["ano"])
                    ],
                )
            )
    for year, buckets in flow_rows.items():
        for label in sorted({buckets.label(code) for (group, code, domestic) in counts if group == year and domestic}):
            sums.append(
                (
                    {"ano": year, "pais_exploracao": brazil, PARENT: label},
                    [
                        p
                        for (group, code, domestic), p in part.items()
                        if group == year and domestic and buckets.label(code) == label
                    ],
                )
            )
    rows = [(place_label(code), {PARENT: place_label(code)}) for code in places]
    return OverlapTable(
        {part[key]: n for key, n in counts.items()},
        sums,
        [*rows, (_("Total"), {})],
        cols,
        part_var="aliciamento",
        universe=compute.UNIVERSE,
        name=_("Vítimas por UF de aliciamento"),
    )


def place_order(people: Iterable[Person]) -> list[str | None]:
    """Every recruitment place that occurs: UFs, then abroad, then unknown."""
    codes = {recruitment_code(p.recr) for p in people}
    return sorted(codes, key=lambda c: (c is None, c == "exterior", c or ""))


def brazil_name() -> str:
    return Country.objects.filter(alpha2=BRAZIL).values_list("name", flat=True).first() or BRAZIL


def municipality_table(people: Iterable[Person]) -> HierarchicalTable:
    """UF of recruitment → municipality (IBGE code, or "<UF> – município não informado"), all years."""
    by_place = Counter((recruitment_code(p.recr), p.recr_municipality) for p in people)
    groups: dict[str, dict[str, int]] = {}
    labels: dict[str | None, tuple[str, str]] = {}  # translated once per place, not once per person
    for (code, municipality), n in by_place.items():
        if code not in labels:
            label = place_label(code)
            labels[code] = (label, maps.unknown_municipality(label))
        label, unknown = labels[code]
        groups.setdefault(label, Counter())[str(municipality) if municipality else unknown] += n
    order = sorted(groups, key=lambda g: (g == _("Não informada"), g == _("Exterior"), g))
    return HierarchicalTable(
        {g: dict(groups[g]) for g in order},
        parent_var=PARENT,
        child_var=CHILD,
        universe=compute.UNIVERSE,
        name=_("Vítimas por município de aliciamento"),
    )


def listed_counts(table) -> dict[int, int | None]:
    """{IBGE code: published all-years count} of the municipalities listed in the recruitment table."""
    listed = {}
    for (_universe, pairs), value in table.values.items():
        child = dict(pairs).get(CHILD, "")
        if child.isdigit():
            listed[int(child)] = value
    return listed


def _listed(table) -> dict[int, int | None] | None:
    return None if table is None else listed_counts(table)


def published_counts(published, municipalities) -> tuple[dict[int, int | None], frozenset[int]]:
    """{IBGE code: published count of victims recruited there, all years} for (code, UF) pairs, and the
    municipalities whose count is "X". 0: no record; None: not published (no table, no municipality of
    recruitment known anywhere, or a UF that publishes none). ``published``: a ``release.PublicRelease``."""
    reader = getattr(published, "recruitment_counts", None)  # the stored release keeps them as a small part
    listed = reader() if reader is not None else _listed(published.recruitment)
    if (
        not listed
    ):  # no table, or no victim with a known municipality of recruitment: no data yet, like a missing survey
        return dict.fromkeys(code for code, _uf in municipalities), frozenset()
    counts, suppressed = {}, set()
    for code, uf in municipalities:
        if published.recruitment_detail.get(uf) == NONE:
            counts[code] = None
        else:
            counts[code] = listed.get(code, 0)
            if code in listed and listed[code] is None:
                suppressed.add(code)
    return counts, frozenset(suppressed)
