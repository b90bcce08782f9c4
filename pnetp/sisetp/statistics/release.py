"""Every public SISETP table, protected in ONE pass so that all pages share one suppression pattern.

The statistics page, the map (UF → municipality) and the origin/destination flows publish numbers that
overlap (the grand total, UF totals, year totals). Protected separately, one page could publish a number
another page hides, and the difference would give it away; protected together, every shared number has
one status and the audit covers the sums of all of them.
"""

from dataclasses import dataclass

from pnetp.disclosure import ProtectedTable, assert_safe, protect_linked


@dataclass(frozen=True)
class PublicRelease:
    stats: dict[str, ProtectedTable]  # the statistics page's tables (compute.count_tables)
    place: ProtectedTable  # UF → municipality × year (maps.place_table)
    years: list[str]
    flows: dict[int, dict[str, ProtectedTable]]  # year → the flow tables (flows.count_tables)
    k: int


def public_release(k: int | None = None, extra_flow_years: tuple[int, ...] = ()) -> PublicRelease:
    from . import compute, flows, maps

    stats = compute.count_tables()
    years = list(stats["ano_uf"].cols)
    place = maps.place_table(maps.count_places(), years)
    flow_years = sorted({int(y) for y in years if y.isdigit()} | set(extra_flow_years))
    flow_tables = {year: flows.count_tables(year) for year in flow_years}
    linked = [*stats.values(), place, *(t for tables in flow_tables.values() for t in tables.values())]
    protected = protect_linked(linked, k)
    assert_safe(*protected)
    it = iter(protected)
    stats_out = {name: next(it) for name in stats}
    place_out = next(it)
    flows_out = {year: {name: next(it) for name in tables} for year, tables in flow_tables.items()}
    return PublicRelease(stats_out, place_out, years, flows_out, place_out.k)


def current_release() -> PublicRelease:
    """The release every public page and download reads (to become the stored, precomputed one)."""
    return public_release()
