"""The flows and the tables that count the same persons another way, protected year by year.

The citizenship table (multi-valued) and the recruitment UF table count the flows' persons: the flows'
table (a) publishes each year's persons by ONE citizenship (a function of the set the citizenship table
counts) and table (b) those exploited in Brazil by UF of recruitment. Protected apart, a number hidden in one
could be narrowed by differences with the other. So their sums are tied by links over the same hidden parts
(``multivalued``, ``recruitment``: parts by year).

Only their all-years column ties one year to another, so the system is protected in blocks
(``blocks.protect_against``/``protect_block_ranges``, each remembered by ``disclosure.memo``), in stages that
each fix what the earlier ones published:

1. one block per published year: that year's flow tables (a) and (c) with the year's column of the
   citizenship table (and its links to (a)), against the statistics page's published numbers (the year total
   stays fixed);
2. the citizenship table's all-years column, one block with the year numbers fixed: an all-years number is the
   sum of its year numbers (constants) and of the persons of the years without a column of their own
   (``multivalued.OTHER_YEARS``, hidden parts only this block has). An all-years number one of whose year
   numbers is suppressed is **not released** (left out of the table, not "X"): released, it would tie the
   suppressed numbers of different years together. Its equation is published in that block form
   (all-years = its year numbers + the other years' parts), equivalent to the sum over every part given the
   years' own equations, so the attacker's system (``assert_safe``) splits into the same blocks;
3. every year's (b) with the recruitment UF table, one block over all years, against the numbers stages 1
   and 2 published ((b)'s total is (a)'s column "Brasil"; a year where it is suppressed publishes no (b)).
   Its all-years UF totals are the margins of the municipalities of recruitment (``place_protection``), so
   they are kept as before — released year by year they would be lost whenever a year hides its UF number.

An import into one year protects and audits again that year's block, the citizenship all-years block and the
(b)/recruitment block — not the other years.

If the protection fails (the data changed while counting, or no pattern protects a block), the flows are
protected year by year alone and the two tables are not published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pnetp.disclosure import DisclosureError, OverlapTable, ProtectedTable, make_key
from pnetp.disclosure.blocks import protect_against, protect_block_ranges
from pnetp.disclosure.primary import check_k
from pnetp.disclosure.tables import Layout, StructureBuilder
from pnetp.territory.models import Country

from . import citizenship, compute, flows, recruitment
from .multivalued import OTHER_YEARS

YEAR = "ano"  # the column variable of both tables


@dataclass(frozen=True)
class Linked:
    flows: dict[int, dict[str, ProtectedTable]]
    citizenship: ProtectedTable | None = None
    recruitment_ufs: ProtectedTable | None = None
    people: list[flows.Person] = field(default_factory=list)


def _year_key(group: str):
    return make_key(compute.UNIVERSE, [("ano", group)])


def protect(published: dict, years: list[int], k: int) -> Linked:
    """``published``: the statistics page's public values; ``years``: the years that may have flow tables."""
    everyone = flows.people()
    years = [year for year in years if published.get(_year_key(str(year)), 0) is not None]  # absent: no one
    tables = {year: flows.count_tables(year, everyone=everyone) for year in years}
    try:
        return _joint(published, years, tables, everyone, k)
    except (DisclosureError, ValueError):  # ValueError: counts disagree (data changed while counting)
        return Linked({year: _alone(year_tables, published, k) for year, year_tables in tables.items()})


def _joint(published: dict, years: list[int], tables: dict, everyone: list[flows.Person], k: int) -> Linked:
    names = dict(Country.objects.values_list("alpha2", "name"))
    present = {p.year for p in everyone}
    shown = [str(year) for year in years if year in present]
    people = [(str(p.year) if str(p.year) in shown else OTHER_YEARS, p) for p in everyone]
    links, recruitment_rows = [], {}
    for year in shown:
        places = flows.person_places(int(year), everyone)
        origin = flows.origin_buckets(places, names)
        links += [
            (
                {"ano": year, "cidadania": label},
                lambda group, combo, year=year, label=label, origin=origin: (
                    group == year and origin.label(citizenship.single(combo)) == label
                ),
            )
            for label in sorted({origin.label(c) for c, _e, _r in places})
        ]
        recruitment_rows[year] = flows.recruitment_buckets(places)
    cit = citizenship.table(
        [(g, p.cits) for g, p in people], citizenship.dimension([p.cits for p in everyone], names), shown, links
    )
    result, cit_years, fixed = {}, [], dict(published)
    for year in years:  # the years' blocks: (a), (c) and the year's citizenship column
        own = {name: table for name, table in tables[year].items() if name != "uf_uf"}
        if str(year) in shown:
            *protected, cit_out = protect_against([*own.values(), year_table(cit, str(year))], published, k)
            cit_years.append(cit_out)
        else:  # nobody that year: its flow tables alone
            protected = protect_against(list(own.values()), published, k)
        result[year] = dict(zip(own, protected))
        fixed.update((key, v) for table in protected for key, v in table.values.items())
    # (b) of each year and the recruitment UF table, against the numbers the years' blocks published; a year
    # whose (b) total ((a)'s column "Brasil") is suppressed has no (b) and no link in the recruitment table
    kept = [
        year for year in years if all(fixed.get(key, 0) is not None for key in tables[year]["uf_uf"].structure().keys)
    ]
    ufs = recruitment.uf_table(
        people,
        recruitment.place_order(everyone),
        shown,
        {year: rows for year, rows in recruitment_rows.items() if int(year) in kept},
    )
    *protected, ufs_out = protect_against([*(tables[year]["uf_uf"] for year in kept), ufs], fixed, k)
    for year, table in zip(kept, protected):
        result[year] = {name: table if name == "uf_uf" else result[year][name] for name in tables[year]}
    return Linked(result, all_years(cit, cit_years, shown, published, k), ufs_out, everyone)


def year_table(table: OverlapTable, year: str) -> OverlapTable:
    """The numbers of one year of ``table`` (its column and the links of that year) over that year's parts."""
    sums = [(pairs, units) for pairs, units in table.sums if pairs.get(YEAR) == year]
    units = {unit for _pairs, parts in sums for unit in parts}
    return OverlapTable(
        {part: n for part, n in table.parts.items() if part in units},
        sums,
        table.rows,
        [(label, pairs) for label, pairs in table.cols if pairs.get(YEAR) == year],
        part_var=table.part_var,
        name=table.name,
        universe=table.universe,
    )


def all_years(
    table: OverlapTable, years_out: list[ProtectedTable], shown: list[str], published: dict, k: int
) -> ProtectedTable:
    """``table`` as published: its year numbers from the year blocks (``years_out``) and its all-years numbers
    from one block of their own with the year numbers fixed (see the module's docstring)."""
    values, hidden, ranges, equations = {}, set(), set(), []
    for out in years_out:
        values.update(out.values)
        hidden |= out.hidden
        ranges |= out.ranges
        equations += out.equations
    year_units = {unit for out in years_out for unit in out.hidden}
    part_key = {part: make_key(table.universe, [(table.part_var, part)]) for part in table.parts}
    builder, overall = StructureBuilder(), []
    for pairs, units in table.sums:
        if YEAR in pairs:
            continue
        by_year = [make_key(table.universe, {**pairs, YEAR: year}.items()) for year in shown]
        if any(values.get(key) is None for key in by_year):
            continue  # a suppressed year number: not released (it would tie the years' blocks together)
        others = [part_key[unit] for unit in units if part_key[unit] not in year_units]
        total = builder.item(make_key(table.universe, pairs.items()), sum(table.parts[u] for u in units), total=True)
        builder.equation(
            total,
            [
                *(builder.item(key, values[key]) for key in by_year),
                *(
                    builder.item(key, table.parts[unit], hidden=True)
                    for unit, key in ((u, part_key[u]) for u in units)
                    if key in others
                ),
            ],
        )
        overall.append((make_key(table.universe, pairs.items()), (*by_year, *others)))
    structure = builder.build()
    if overall:
        fixed = {key: values[key] for key in structure.keys if key in values}
        fixed.update((key, published[key]) for key in structure.keys if key in published)
        block, shown_ranges = protect_block_ranges(structure, fixed, k)  # refused: see ``protect``
        values.update(block)
        hidden |= {key for key in block if key in structure.index and structure.index[key] in structure.hidden}
        ranges |= shown_ranges
        equations += overall
    layout = table.layout()
    layout = Layout(
        layout.name, layout.dims, tuple(r for r in layout.records if r[1] in values), layout.header, layout.grid
    )
    return ProtectedTable(
        layout, check_k(k), values, frozenset(hidden), tuple(equations), ranges=frozenset(ranges) & frozenset(values)
    )


def _alone(tables: dict, published: dict, k: int) -> dict[str, ProtectedTable]:
    """The flow tables of a year by themselves (the year total fixed), as before the linked tables."""
    try:
        return dict(zip(tables, protect_against(list(tables.values()), published, k)))
    except DisclosureError:
        return {}
