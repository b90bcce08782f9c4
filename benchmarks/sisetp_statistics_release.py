#!/usr/bin/env python
"""SISETP public statistics: cost of computing, storing and serving the protected release.

Not a test: prints a table. Generates N fictitious records (``pnetp.sisetp.generator``), imports them through
the import service into a SQLite database of its own, then times each stage of ``release.public_release``,
storing and reading the release, and the public pages (Django test client) served from the stored release.
Every row gives wall and CPU seconds. It compares what a statistics page read before (the whole release, one
JSON) with what it reads now (its own tables), and with ``--increment N`` imports N more records and publishes
again as the worker would (``--scratch``: and from nothing, to compare). With ``--one-pass`` it also times the former protection (every table, municipalities included, in one
``protect_linked`` call) for comparison — minutes on 2,000 records.

    flock /tmp/pnetp-bench.lock .venv/bin/python benchmarks/sisetp_statistics_release.py --records 10000 \
        --increment 1000 --scratch [--one-pass] [--former]

Use a new ``--data`` folder for each run with ``--increment`` (the increment is imported into it).

See benchmarks/README.md.
"""

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup(data_dir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ["PNETP_DATA_DIR"] = str(data_dir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
    os.environ["DEBUG"] = "1"
    os.environ["PNETP_PAGE_CACHE_SECONDS"] = "0"  # time the pages, not the page cache
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    import django

    django.setup()


def load(data_dir: Path, records: int, sources: int, seed: int) -> None:
    """Generate and import once per data folder (a marker file says it was done with these arguments)."""
    from sisetp_import import prepare_database

    from pnetp.sisetp.generator import generate
    from pnetp.sisetp.ingestion.batches import run_import

    marker = data_dir / "loaded.json"
    wanted = {"records": records, "sources": sources, "seed": seed}
    if marker.is_file() and json.loads(marker.read_text()) == wanted:
        return
    files = data_dir / "files"
    generate(records, sources, seed=seed, out_dir=files)
    manifest = json.loads((files / "manifest.json").read_text("utf-8"))
    for source, entry in zip(prepare_database(manifest), manifest["source_files"]):
        result = run_import(
            source, "standard", files / entry["cases_file"], identity_path=files / entry["identities_file"]
        )
        if not result.ok:
            raise SystemExit("\n".join(result.report.lines()))
    marker.write_text(json.dumps(wanted))


def timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def measured(label, function):
    """(label, wall seconds, CPU seconds of this process) of one call, and its value."""
    started, cpu = time.perf_counter(), time.process_time()
    value = function()
    return (label, time.perf_counter() - started, time.process_time() - cpu), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--data", help="folder for the database and files (default: a temporary one)")
    parser.add_argument("--one-pass", action="store_true", help="also time the former one-pass protection")
    parser.add_argument(
        "--former",
        action="store_true",
        help="also time today's former method (no carried tables, scipy LP per bound) on the same data",
    )
    parser.add_argument(
        "--increment",
        type=int,
        default=0,
        help="then import this many more generated records and publish again, incrementally, as a "
        "new process would (nothing remembered but what the stored version keeps)",
    )
    parser.add_argument("--increment-seed", type=int, help="seed of the increment (default: --seed + 1)")
    parser.add_argument(
        "--increment-into",
        metavar="YEAR:UF",
        help="an import into one year and UF (IBGE code, e.g. 2024:35): keep only increment "
        "records of this year (identification date) and move their known places of exploitation "
        "and recruitment in Brazil into this UF",
    )
    parser.add_argument(
        "--scratch",
        action="store_true",
        help="with --increment: also publish from nothing and compare the two releases",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="after the publish, time storage and the pages only (no audits again)",
    )
    args = parser.parse_args()
    data_dir = Path(args.data or tempfile.mkdtemp(prefix="pnetp-bench-release-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    setup(data_dir)
    load(data_dir, args.records, args.sources, args.seed)

    from django.test import Client

    from pnetp.disclosure import protect_linked
    from pnetp.sisetp.models import CasePerson
    from pnetp.statistics import compute, flows, maps, store
    from pnetp.statistics.release import public_release

    from pnetp.disclosure import assert_safe, audit, blocks, secondary
    from pnetp.disclosure.witnesses import collect

    rows = []
    print(
        f"data: {args.records} records, {args.sources} sources, seed {args.seed}; "
        f"{CasePerson.objects.count()} person records in {data_dir}"
    )
    print(f"machine: {os.cpu_count()} cores; load average at start {os.getloadavg()}")
    timings: dict[str, float] = {}
    cpu_timings: dict[str, float] = {}
    cpu = time.process_time()
    with collect() as witnesses:  # the tables met by the protection, as public_release keeps them for its audit
        release, seconds = store.publish(timings=timings, cpu=cpu_timings)
    rows += [(stage, s, cpu_timings.get(stage)) for stage, s in timings.items()]
    rows.append(
        ("publish: all of the above + store (pnetp sisetp publish-statistics)", seconds, time.process_time() - cpu)
    )
    usage = store.last_usage
    print(
        f"publish (this process; reuses what the stored version keeps): blocks protected "
        f"{len(usage.blocks_computed)} of {len(usage.blocks)}, audit components solved "
        f"{len(usage.components_computed)} of {len(usage.components)}"
    )
    tables = release.tables()
    if not args.pages_only:
        audit._AUDITED.clear()
        for label, witnessed, forget in [
            ("audit again, with the protection's witnesses (checked), verdicts forgotten", witnesses, True),
            ("audit again, data unchanged: every component's verdict remembered", None, False),
            ("audit from nothing (no witness, no verdict), warm-started HiGHS", None, True),
        ]:
            if forget:
                audit._AUDITED.clear()
            rows.append(measured(label, lambda w=witnessed: assert_safe(*tables, witnesses=w))[0])
    if args.former:
        audit._AUDITED.clear()
        audit.WARM_START = False
        rows.append(("former audit from nothing (scipy linprog per bound)", timed(lambda: assert_safe(*tables))[1]))
        secondary.CARRY_TABLES = False
        audit._AUDITED.clear()
        blocks._PROTECTED.clear()  # no block outcome remembered from the publish above
        former_timings: dict[str, float] = {}
        former = timed(lambda: public_release(release.k, timings=former_timings))
        rows += [(f"former: {stage}", s) for stage, s in former_timings.items()]
        rows.append(("former: count, protect and audit in all", former[1]))
        same = former[0].to_json() == release.with_status(None, False).to_json()
        print(f"former and new method publish the same numbers: {same}")
        secondary.CARRY_TABLES, audit.WARM_START = True, True
    from pnetp.statistics import published

    version = store.store.latest(store.NAME)
    sizes = store.store.sizes(version)
    size = sum(n for name, n in sizes.items() if not name.startswith(store.MEMO))
    levels = list(release.municipal_detail.values())
    rows.append(measured("fingerprint of the data (every page view)", lambda: store.fingerprint(release.k))[0])

    def whole():  # what every page read before: the whole release, every part read and deserialised
        store.store._parsed.clear()
        return store.StoredPublicRelease(version, stale=False).whole()

    row, _whole = measured("before: read + deserialise the whole release (what every page read)", whole)
    rows.append(row)
    store.store._parsed.clear()
    before = dict(store.store.reads)
    row, _stats = measured(
        "now: read + deserialise the statistics page's tables (a new process)", lambda: published.statistics()
    )
    rows.append(row)
    page_bytes = store.store.reads["bytes"] - before["bytes"]
    rows.append(measured("now: the same again (parts parsed in this process)", lambda: published.statistics())[0])
    read_by_page = {}
    client = Client()
    year = release.years[-1] if release.years else 2024
    urls = [
        "/sisetp/estatisticas/",
        "/sisetp/estatisticas/mapa/",
        f"/sisetp/estatisticas/fluxos/?ano={year}",
        "/api/v1/statistics/",
    ]
    top = maps.municipality_ranking(published.places(), None, 1)  # the municipality with the most victims
    store.store._parsed.clear()
    if top and top[0]["municipality"] is not None:
        municipality = top[0]["municipality"]
        uf = municipality.uf.abbreviation.lower()
        urls += [
            f"/territorio/municipio/{municipality.pk}/",  # count, ranks and vulnerability index
            f"/sisetp/estatisticas/mapa/municipios/{uf}/?ano={year}",  # its UF's municipality map, one year
            f"/sisetp/estatisticas/mapa/municipios/{uf}/",  # the same, all years
            "/sisetp/estatisticas/vulnerabilidade/",  # the index of every municipality
        ]
    for url in urls:
        for when in ("first view in a new process", "next view"):
            if when.startswith("first"):
                store.store._parsed.clear()
            before = dict(store.store.reads)
            row, response = measured(f"page {url}: {when}", lambda url=url: client.get(url))
            assert response.status_code == 200, (url, response.status_code)
            rows.append(row)
            read_by_page.setdefault(url, store.store.reads["bytes"] - before["bytes"])
    if args.increment:
        rows += increment(args, data_dir, store, published)
    if args.one_pass:
        stats = compute.count_tables()
        years = list(stats["ano_uf"].cols)
        place = maps.place_table(maps.count_places(), years)
        flow_tables = [t for y in years for t in flows.count_tables(int(y)).values()]
        rows.append(
            (
                "former: protect_linked(statistics + municipality × year)",
                timed(lambda: protect_linked([*stats.values(), place]))[1],
            )
        )
        rows.append(
            (
                "former: protect_linked(everything, one pass)",
                timed(lambda: protect_linked([*stats.values(), place, *flow_tables]))[1],
            )
        )
    width = max(len(row[0]) for row in rows)
    print(f"{'stage':<{width}} {'wall':>10} {'CPU':>10}")
    for label, seconds, *cpu_seconds in rows:
        used = cpu_seconds[0] if cpu_seconds and cpu_seconds[0] is not None else None
        print(f"{label:<{width}} {seconds:8.2f} s " + (f"{used:8.2f} s" if used is not None else ""))
    print(
        f"stored release: {size / 1024:.0f} KiB of JSON (compact) in {len(sizes)} parts; municipalities of "
        f"{levels.count('ano')} UFs by year, {levels.count('total')} as all-years totals, "
        f"{levels.count('nenhum')} not published"
    )
    print(
        f"bytes read from storage: before, every page read the whole release ({size / 1024:.0f} KiB); now the "
        f"statistics page's tables {page_bytes / 1024:.1f} KiB; by page on its first view in a new process: "
        + ", ".join(f"{url} {n / 1024:.1f} KiB" for url, n in read_by_page.items())
    )
    print(
        "information loss per table: share of cells published, share of persons in published cells; "
        'suppressed cells shown as a range ("1 a k−1")'
    )
    everything = Loss()
    for table in tables:
        loss = information(table, witnesses.truth)
        everything += loss
        print(f"  {table.layout.name[:70]:<70} {loss}")
    print(f"  {'all tables (cells counted once per table)':<70} {everything}")
    print(f"load average at end {os.getloadavg()}")
    print(peak_memory())


def peak_memory() -> str:
    """Peak resident memory (max RSS) of this process and of its waited-for children (the issue asks ≤ 4 GB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return f"peak memory (max RSS): this process {own:.0f} MiB, largest child {children:.0f} MiB (target ≤ 4096 MiB)"


def increment(args, data_dir: Path, store, published) -> list:
    """Import ``args.increment`` more generated records (another source, another seed) and publish again as a
    new process would: nothing remembered in memory, only what the stored version keeps."""
    from pnetp.disclosure import audit, blocks
    from pnetp.disclosure.models import VersionPart
    from pnetp.sisetp.generator import generate
    from pnetp.sisetp.ingestion.batches import run_import
    from pnetp.sisetp.models import DataSharingAgreement, DataSource
    from pnetp.statistics import frame
    from pnetp.statistics.release import public_release

    rows = []
    seed = args.seed + 1 if args.increment_seed is None else args.increment_seed
    files = data_dir / f"increment-{seed}"
    # into one year: generate more and keep the records of that year (about 1 in 9)
    generate(args.increment * (12 if args.increment_into else 1), 1, seed=seed, out_dir=files)
    entry = json.loads((files / "manifest.json").read_text("utf-8"))["source_files"][0]
    if args.increment_into:
        keep_into(files / entry["cases_file"], files / entry["identities_file"], args.increment_into, args.increment)
    source = DataSource.objects.create(
        institution=DataSource.objects.first().institution,
        slug=f"bench-increment-{seed}",
        name="Fonte fictícia de incremento",
        coverage="nacional",
    )
    DataSharingAgreement.objects.first().sources.add(source)
    for name in (entry["cases_file"], entry["identities_file"]):  # the files name their source
        path = files / name
        with path.open(encoding="utf-8", newline="") as handle:
            table = list(csv.reader(handle))
        column = table[0].index("fonte")
        for line in table[1:]:
            line[column] = source.slug
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(table)
    row, result = measured(
        f"import {args.increment} more records (one source)",
        lambda: run_import(
            source, "standard", files / entry["cases_file"], identity_path=files / entry["identities_file"]
        ),
    )
    if not result.ok:
        raise SystemExit("\n".join(result.report.lines()))
    rows.append(row)
    previous = store.store.latest(store.NAME)
    blocks._PROTECTED.clear()  # a new process: the worker
    audit._AUDITED.clear()
    timings, cpu = {}, {}
    row, (release, _seconds) = measured(
        "incremental publish after the import (new process)", lambda: store.publish(timings=timings, cpu=cpu)
    )
    rows += [(f"  incremental: {stage}", s, cpu.get(stage)) for stage, s in timings.items()]
    rows.append(row)
    usage = store.last_usage
    read = frame.last_report
    print(
        "incremental publish: records read "
        + (f"whole ({read.reason})" if read.full else f"for the {read.cases_read} cases added or changed")
    )
    version = store.store.latest(store.NAME)
    old = set(VersionPart.objects.filter(version=previous).values_list("part_id", flat=True))
    new = list(
        VersionPart.objects.filter(version=version)
        .exclude(name__startswith=store.MEMO)
        .values_list("part_id", flat=True)
    )
    print(
        f"incremental publish: blocks protected again {len(usage.blocks_computed)} of {len(usage.blocks)}, "
        f"audit components solved again {len(usage.components_computed)} of {len(usage.components)}; "
        f"published tables shared with the previous version {sum(p in old for p in new)} of {len(new)}"
    )
    if args.scratch:
        blocks._PROTECTED.clear()
        audit._AUDITED.clear()
        row, scratch = measured(
            "the same data from nothing (public_release, nothing remembered)", lambda: public_release(release.k)
        )
        rows.append(row)
        same = scratch.to_json() == published.current_release().whole().to_json()
        print(f"incremental and from-nothing releases publish the same numbers: {same}")
    return rows


def keep_into(cases: Path, identities: Path, into: str, records: int) -> None:
    """Rewrite the increment's files with only the first ``records`` person records of the year, their known
    municipalities of exploitation and recruitment moved into the UF (see ``--increment-into``), and their
    identities."""
    from pnetp.territory.models import FederativeUnit, Municipality

    year, uf = into.split(":")
    abbreviation = FederativeUnit.objects.get(ibge_code=int(uf)).abbreviation
    towns = sorted(Municipality.objects.filter(uf_id=int(uf)).values_list("ibge_code", flat=True))
    with cases.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    head = table[0]
    column = {name: head.index(name) for name in head}
    kept = [
        line
        for line in table[1:]
        if (line[column["data_identificacao"]] or line[column["data_registro"]]).startswith(year)
    ][:records]
    for line in kept:
        for kind in ("exploracao", "aliciamento"):
            town, state = column[f"municipio_{kind}_ibge"], column[f"uf_{kind}"]
            if line[town]:
                line[town] = str(towns[int(line[town]) % len(towns)])
            if line[state]:
                line[state] = abbreviation
    print(f"increment into {into}: {len(kept)} of {len(table) - 1} generated records kept")
    with cases.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([head, *kept])
    wanted = {(line[column["id_registro"]], line[column["id_pessoa"]]) for line in kept}
    with identities.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    head = table[0]
    rows = [line for line in table[1:] if (line[head.index("id_registro")], line[head.index("id_pessoa")]) in wanted]
    with identities.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([head, *rows])


@dataclass
class Loss:
    """Cells (not totals, not hidden parts) of a table, those published, the persons in each, and the
    suppressed cells shown as a range."""

    cells: int = 0
    shown: int = 0
    persons: int = 0
    shown_persons: int = 0
    ranges: int = 0

    def __iadd__(self, other):
        for name in ("cells", "shown", "persons", "shown_persons", "ranges"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def __str__(self):
        cells = self.shown / self.cells if self.cells else 1.0
        persons = self.shown_persons / self.persons if self.persons else 1.0
        return f"cells {cells:6.1%}  persons {persons:6.1%}  ranges {self.ranges:4d}"


def information(table, truth) -> Loss:
    """Share of the table's cells (not totals, not hidden parts) published, and of the persons they count."""
    totals = {total for total, _parts in table.equations}
    cells = [key for key in table.values if key not in totals and key not in table.hidden]
    cells = cells or [key for key in table.values if key not in table.hidden]  # sums over hidden parts
    shown = [key for key in cells if table.values[key] is not None]
    everyone = sum(table.values[key] if table.values[key] is not None else truth.get(key, 0) for key in cells)
    ranged = getattr(table, "ranges", frozenset())
    return Loss(
        len(cells),
        len(shown),
        everyone,
        sum(table.values[key] for key in shown),
        sum(1 for key in cells if key in ranged),
    )


if __name__ == "__main__":
    main()
