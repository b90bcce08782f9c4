"""Every public SISETP table, protected as ONE release so that all pages share one suppression pattern.

The statistics page, the map (UF → municipality) and the origin/destination flows publish numbers that
overlap (the grand total, UF totals, year totals). Protected separately, one page could publish a number
another page hides, and the difference would give it away. So the release is built in one function, in
stages that each fix what the earlier ones published:

1. the statistics page's tables (``compute.count_tables``), linked, in one ``protect_linked`` pass;
2. every published year's flow tables, with the citizenship table (multi-valued) and the recruitment UF
   totals that count the same persons, as one system against the year totals published in 1 (``linked``);
3. each UF's municipalities of exploitation, against the UF row published in 1, and each UF's
   municipalities of recruitment, against the UF total published in 2 (``place_protection``);
4. victims by form of exploitation (multi-valued), against the total published in 1 (``exploitation_forms``).

A stage tied to the earlier ones only by published numbers tells the attacker nothing more than it does alone
(the attacker's system splits there), so this is as safe as one pass over everything — ``assert_safe`` over
all the tables together checks it — and much cheaper. A year whose total is suppressed has no flow tables.

Pages never call ``public_release``: they read ``published``, the release stored by ``store``.
"""

from __future__ import annotations

import time

from pnetp.disclosure import assert_safe, protect_linked
from pnetp.disclosure.primary import check_k
from pnetp.disclosure.witnesses import collect

from . import compute, exploitation_forms, frame, linked, maps, place_protection, recruitment
from .domain import PublicRelease

__all__ = ["PublicRelease", "public_release"]


def public_release(
    k: int | None = None,
    extra_flow_years: tuple[int, ...] = (),
    timings: dict[str, float] | None = None,
    cpu: dict[str, float] | None = None,
) -> PublicRelease:
    """Count and protect every public table now: for ``store.publish`` and tests (see ``_public_release``).

    The tables the protection meets are kept in memory for the audit (``disclosure.witnesses``).
    """
    started, used = time.perf_counter(), time.process_time()
    with collect() as witnesses, frame.shared():  # the records read once (or updated: ``frame``) for every table
        if timings is not None:
            timings["ler os registros (quadro: só o que mudou)"] = time.perf_counter() - started
        if cpu is not None:
            cpu["ler os registros (quadro: só o que mudou)"] = time.process_time() - used
        return _public_release(k, extra_flow_years, timings, witnesses, cpu)


def _public_release(k, extra_flow_years, timings, witnesses, cpu=None) -> PublicRelease:
    """Count and protect every public table now (seconds to minutes): for ``store.publish`` and tests.

    ``timings``, when given, receives the seconds of each stage (``pnetp sisetp publish-statistics``), and
    ``cpu`` the CPU seconds of this process in each (benchmarks).
    """
    k = check_k(k)
    timings = {} if timings is None else timings
    cpu = {} if cpu is None else cpu
    clock = [time.perf_counter(), time.process_time()]

    def lap(stage: str) -> None:
        now, used = time.perf_counter(), time.process_time()
        timings[stage] = timings.get(stage, 0.0) + now - clock[0]
        cpu[stage] = cpu.get(stage, 0.0) + used - clock[1]
        clock[0], clock[1] = now, used

    stats = compute.count_tables()
    years = list(stats["ano_uf"].cols)
    lap("contar tabelas da página de estatísticas")
    stats_out = dict(zip(stats, protect_linked(list(stats.values()), k, verify=False)))
    lap("proteger tabelas da página de estatísticas")
    published = {key: v for table in stats_out.values() for key, v in table.values.items()}
    published_ranges = frozenset().union(*(table.ranges for table in stats_out.values()))

    flow_years = sorted({int(y) for y in years if y.isdigit()} | set(extra_flow_years))
    joint = linked.protect(published, flow_years, k)
    lap("contar e proteger fluxos, nacionalidades e UFs de aliciamento")

    table = maps.place_table(maps.count_places(), years)
    lap("contar tabela UF → município × ano")
    place, levels = place_protection.protect_places(table, published, k, published_ranges)
    lap("proteger municípios (por UF)")
    recruitment_table, recruitment_levels = None, {}
    if joint.recruitment_ufs is not None:
        municipalities = recruitment.municipality_table(joint.people)
        margin = {**published, **joint.recruitment_ufs.values}  # the all-years recruitment UF totals
        recruitment_table, recruitment_levels = place_protection.protect_places(
            municipalities, margin, k, published_ranges | joint.recruitment_ufs.ranges
        )
    lap("proteger municípios de aliciamento (por UF)")
    forms = exploitation_forms.protect_forms(stats_out, k)
    lap("contar e proteger vítimas por forma de exploração")
    result = PublicRelease(
        stats_out,
        place,
        years,
        {y: t for y, t in joint.flows.items() if t},
        k,
        levels,
        forms,
        joint.citizenship,
        joint.recruitment_ufs,
        recruitment_table,
        recruitment_levels,
    )
    assert_safe(*result.tables(), witnesses=witnesses)
    lap("auditar a divulgação inteira (assert_safe)")
    return result
