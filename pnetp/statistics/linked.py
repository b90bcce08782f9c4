"""The flows and the tables that count the same persons another way, protected as one system.

The citizenship table (multi-valued) and the recruitment UF table count the flows' persons: the flows'
table (a) publishes each year's persons by ONE citizenship (a function of the set the citizenship table
counts) and table (b) those exploited in Brazil by UF of recruitment. Protected apart, a number hidden in one
could be narrowed by differences with the other. So their sums are tied by links over the same hidden parts
(``multivalued``, ``recruitment``: parts by year), and one ``blocks.protect_against`` call protects the flow
tables of every published year with the two tables, against the statistics page's published numbers (year
totals and the grand total stay fixed). Their all-years numbers tie the years together, so this is one system
(the secondary suppression batches its repairs when it is large). Years whose total is suppressed have no flow
table, as before, and no column: their persons are one part group (``multivalued.OTHER_YEARS``), counted only
in the all-years numbers.

If the joint protection fails (the data changed while counting, or no pattern protects the system), the flows
are protected year by year as before and the two tables are not published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pnetp.disclosure import DisclosureError, ProtectedTable, make_key
from pnetp.disclosure.blocks import protect_against
from pnetp.territory.models import Country

from . import citizenship, compute, flows, recruitment
from .multivalued import OTHER_YEARS


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
    shown = [str(year) for year in years if any(p.year == year for p in everyone)]
    people = [(str(p.year) if str(p.year) in shown else OTHER_YEARS, p) for p in everyone]
    links, recruitment_rows = [], {}
    for year in shown:
        places = flows.person_places(int(year), everyone)
        origin = flows.origin_buckets(places, names)
        links += [({"ano": year, "cidadania": label},
                   lambda group, combo, year=year, label=label, origin=origin:
                   group == year and origin.label(citizenship.single(combo)) == label)
                  for label in sorted({origin.label(c) for c, _e, _r in places})]
        recruitment_rows[year] = flows.recruitment_buckets(places)
    cit = citizenship.table([(g, p.cits) for g, p in people], citizenship.dimension([p.cits for p in everyone], names),
                            shown, links)
    ufs = recruitment.uf_table(people, recruitment.place_order(everyone), shown, recruitment_rows)
    flat = [table for year in years for table in tables[year].values()]
    *protected, cit_out, ufs_out = protect_against([*flat, cit, ufs], published, k)
    result, i = {}, 0
    for year in years:
        result[year] = dict(zip(tables[year], protected[i:i + len(tables[year])]))
        i += len(tables[year])
    return Linked(result, cit_out, ufs_out, everyone)


def _alone(tables: dict, published: dict, k: int) -> dict[str, ProtectedTable]:
    """The flow tables of a year by themselves (the year total fixed), as before the linked tables."""
    try:
        return dict(zip(tables, protect_against(list(tables.values()), published, k)))
    except DisclosureError:
        return {}
