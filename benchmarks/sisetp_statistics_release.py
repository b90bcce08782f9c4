#!/usr/bin/env python
"""SISETP public statistics: cost of computing, storing and serving the protected release.

Not a test: prints a table. Generates N fictitious records (``pnetp.sisetp.generator``), imports them through
the import service into a SQLite database of its own, then times each stage of ``release.public_release``,
storing and reading the release, and the public pages (Django test client) served from the stored release.
With ``--one-pass`` it also times the former protection (every table, municipalities included, in one
``protect_linked`` call) for comparison — minutes on 2,000 records.

    flock /tmp/pnetp-bench.lock .venv/bin/python benchmarks/sisetp_statistics_release.py --records 2000 [--one-pass]

See benchmarks/README.md.
"""

import argparse
import json
import os
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
        result = run_import(source, "standard", files / entry["cases_file"],
                            identity_path=files / entry["identities_file"])
        if not result.ok:
            raise SystemExit("\n".join(result.report.lines()))
    marker.write_text(json.dumps(wanted))


def timed(function):
    started = time.perf_counter()
    value = function()
    return value, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--sources", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--data", help="folder for the database and files (default: a temporary one)")
    parser.add_argument("--one-pass", action="store_true", help="also time the former one-pass protection")
    parser.add_argument("--former", action="store_true",
                        help="also time today's former method (no carried tables, scipy LP per bound) on the same data")
    args = parser.parse_args()
    data_dir = Path(args.data or tempfile.mkdtemp(prefix="pnetp-bench-release-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    setup(data_dir)
    load(data_dir, args.records, args.sources, args.seed)

    from django.test import Client

    from pnetp.disclosure import protect_linked
    from pnetp.disclosure.models import StoredRelease
    from pnetp.sisetp.models import CasePerson
    from pnetp.sisetp.statistics import compute, flows, maps, store
    from pnetp.sisetp.statistics.release import PublicRelease, public_release

    from pnetp.disclosure import assert_safe, audit, blocks, secondary
    from pnetp.disclosure.witnesses import collect

    rows = []
    print(f"data: {args.records} records, {args.sources} sources, seed {args.seed}; "
          f"{CasePerson.objects.count()} person records in {data_dir}")
    print(f"machine: {os.cpu_count()} cores; load average at start {os.getloadavg()}")
    timings: dict[str, float] = {}
    cpu = time.process_time()
    with collect() as witnesses:  # the tables met by the protection, as public_release keeps them for its audit
        release, seconds = store.publish(timings=timings)
    rows += [(stage, s) for stage, s in timings.items()]
    rows.append(("publish: all of the above + store (pnetp sisetp publish-statistics)", seconds))
    rows.append(("  the same, CPU seconds of this process", time.process_time() - cpu))
    tables = release.tables()
    audit._AUDITED.clear()
    rows.append(("audit again, with the protection's witnesses (checked), verdicts forgotten",
                 timed(lambda: assert_safe(*tables, witnesses=witnesses))[1]))
    rows.append(("audit again, data unchanged: every component's verdict remembered",
                 timed(lambda: assert_safe(*tables))[1]))
    audit._AUDITED.clear()
    rows.append(("audit from nothing (no witness, no verdict), warm-started HiGHS", timed(lambda: assert_safe(*tables))[1]))
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
    stored = StoredRelease.objects.filter(name=store.NAME).first()
    size = len(json.dumps(stored.tables))
    levels = list(release.municipal_detail.values())
    rows.append(("fingerprint of the data (every page view)", timed(lambda: store.fingerprint(release.k))[1]))
    rows.append(("read + deserialise the stored release", timed(
        lambda: PublicRelease.from_json(StoredRelease.objects.filter(name=store.NAME).first().tables))[1]))
    client = Client()
    for url in ["/sisetp/estatisticas/", "/sisetp/estatisticas/mapa/",
                f"/sisetp/estatisticas/fluxos/?ano={release.years[-1] if release.years else 2024}"]:
        response, seconds = timed(lambda url=url: client.get(url))
        assert response.status_code == 200, (url, response.status_code)
        rows.append((f"page {url} (stored release, via test client)", seconds))
    if args.one_pass:
        stats = compute.count_tables()
        years = list(stats["ano_uf"].cols)
        place = maps.place_table(maps.count_places(), years)
        flow_tables = [t for y in years for t in flows.count_tables(int(y)).values()]
        rows.append(("former: protect_linked(statistics + municipality × year)", timed(
            lambda: protect_linked([*stats.values(), place]))[1]))
        rows.append(("former: protect_linked(everything, one pass)", timed(
            lambda: protect_linked([*stats.values(), place, *flow_tables]))[1]))
    width = max(len(label) for label, _s in rows)
    for label, seconds in rows:
        print(f"{label:<{width}} {seconds:8.2f} s")
    print(f"stored release: {size / 1024:.0f} KiB of JSON; municipalities of {levels.count('ano')} UFs by year, "
          f"{levels.count('total')} as all-years totals, {levels.count('nenhum')} not published")
    print("information loss per table: share of cells published, share of persons in published cells; "
          "suppressed cells shown as a range (\"1 a k−1\")")
    everything = Loss()
    for table in tables:
        loss = information(table, witnesses.truth)
        everything += loss
        print(f"  {table.layout.name[:70]:<70} {loss}")
    print(f"  {'all tables (cells counted once per table)':<70} {everything}")
    print(f"load average at end {os.getloadavg()}")


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
    return Loss(len(cells), len(shown), everyone, sum(table.values[key] for key in shown),
                sum(1 for key in cells if key in ranged))


if __name__ == "__main__":
    main()
