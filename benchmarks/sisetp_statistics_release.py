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
    from pnetp.sisetp.statistics.release import PublicRelease

    rows = []
    print(f"data: {args.records} records, {args.sources} sources, seed {args.seed}; "
          f"{CasePerson.objects.count()} person records in {data_dir}")
    timings: dict[str, float] = {}
    release, seconds = store.publish(timings=timings)
    rows += [(stage, s) for stage, s in timings.items()]
    rows.append(("publish: all of the above + store (pnetp sisetp publish-statistics)", seconds))
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


if __name__ == "__main__":
    main()
