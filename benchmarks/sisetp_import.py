#!/usr/bin/env python
"""SISETP import benchmark: generate N fictitious records, then time reading and importing them.

Not a test: prints a table. Each measurement runs in its own child process so its peak memory
(``ru_maxrss`` from ``wait4``) is its own. Target (issue "SISETP part 1"): 1,000,000 records imported,
validation included, in ≤ 60 s and ≤ 2 GB on 2 cores.

    .venv/bin/python benchmarks/sisetp_import.py --records 100000 [--databases sqlite,postgres] [--profile]
    .venv/bin/python benchmarks/sisetp_import.py --records 100000 --invalid --compare-with /tmp/old

``--invalid``: the cases files get a bad cell in one row of ``INVALID_EVERY`` (issue 18: an invalid 1M
file reported in ≤ 30 s); the import must refuse them, and with ``--compare-with`` the two reports are
compared line for line.

See benchmarks/README.md.
"""

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"
# Temporary PostgreSQL database name prefix (PNETP_BENCH_DB_PREFIX: several people share one server).
PG_PREFIX = os.environ.get("PNETP_BENCH_DB_PREFIX", "pnetp_bench")
INVALID_EVERY = 1000  # --invalid: one row in this many gets a bad cell
# --invalid: (column, bad value), in turn: an unknown code, an impossible date, an age out of range,
# a municipality outside its UF, a place abroad with a UF, a missing required value.
INVALID_CELLS = (("sexo", "X"), ("data_identificacao", "31/02/2023"), ("idade", "300"),
                 ("uf_exploracao", "AC"), ("pais_exploracao", "AR"), ("papel", ""))  # fmt: skip


def setup_django(database_url: str | None = None, tree: Path = ROOT) -> None:
    sys.path.insert(0, str(tree))
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
    if not os.environ.get("PNETP_FIELD_ENCRYPTION_KEY"):
        from cryptography.fernet import Fernet

        os.environ["PNETP_FIELD_ENCRYPTION_KEY"] = Fernet.generate_key().decode()  # throwaway key
    import django

    django.setup()


# --- children: one measurement each, result as JSON on the last stdout line -------------------------------


def child_duckdb(data: Path) -> dict:
    import duckdb

    manifest = json.loads((data / "manifest.json").read_text("utf-8"))
    cases = [str(data / s["cases_file"]) for s in manifest["source_files"]]
    identities = [str(data / s["identities_file"]) for s in manifest["source_files"]]
    started = time.perf_counter()
    con = duckdb.connect()
    rows = 0
    for files in (cases, identities):
        # all_varchar: parse every cell like the importer reads it; count(*) alone could skip parsing.
        query = (
            "SELECT count(*), count(DISTINCT id_registro), max(length(fonte)) "
            "FROM read_csv(?, header=true, all_varchar=true)"
        )
        rows += con.execute(query, [files]).fetchall()[0][0]  # fetchall: DuckDB 2.0.1 errors after fetchone()
    return {"seconds": time.perf_counter() - started, "rows": rows, "version": duckdb.__version__}


def corrupt(source: Path, target: Path) -> int:
    """``source`` with a bad cell (``INVALID_CELLS`` in turn) in one row of ``INVALID_EVERY``; the bad rows."""
    import csv

    bad = 0
    with (
        source.open(encoding="utf-8-sig", newline="") as reading,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        rows, writer = csv.reader(reading), csv.writer(out)
        header = next(rows)
        writer.writerow(header)
        cells = [(header.index(name), value) for name, value in INVALID_CELLS if name in header]
        for number, row in enumerate(rows, start=1):
            if number % INVALID_EVERY == INVALID_EVERY // 2:
                at, value = cells[bad % len(cells)]
                row[at] = value
                bad += 1
            writer.writerow(row)
    return bad


def prepare_database(manifest: dict) -> list:
    """Migrate, load the territory (no outlines), one fictitious institution, sources and an agreement."""
    from datetime import date

    from django.core.management import call_command

    from pnetp.institutions.models import Institution
    from pnetp.sisetp.models import DataSharingAgreement, DataSource, LegalBasis
    from pnetp.sisetp.standard import layout
    from pnetp.territory.loader import load_territory

    call_command("migrate", verbosity=0, interactive=False)
    load_territory(boundaries=False)
    institution = Institution.objects.create(acronym="BENCH", name="Instituição Fictícia de Teste", kind="federal")
    sources = [
        DataSource.objects.create(institution=institution, slug=s["slug"], name=s["name"], coverage="nacional")
        for s in manifest["source_files"]
    ]
    agreement = DataSharingAgreement.objects.create(
        title="Acordo fictício de teste de carga",
        purpose="Medir o desempenho da importação",
        legal_basis=LegalBasis.ART11_IIB,
        fields_shared=layout.all_column_names(),
        valid_from=date(2019, 1, 1),
        document_reference="SEI 00000.000000/0000-00",
    )
    agreement.sources.set(sources)
    return sources


def instrument(phases: dict, tables: dict) -> None:
    """Accumulate wall seconds per import phase and per table inserted (wrappers around the importer)."""
    from django.db import connection

    from pnetp.sisetp.ingestion import batches, fastinsert, identities, writer

    try:
        from pnetp.sisetp.ingestion import pg_keys
    except ImportError:  # an older importer (A/B runs against another tree)
        pg_keys = None

    def timed(owner, name, phase):
        original = getattr(owner, name, None)
        if original is None:  # an older importer (A/B runs against another tree)
            return

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                phases[phase] = phases.get(phase, 0.0) + time.perf_counter() - started

        setattr(owner, name, wrapper)

    timed(batches, "_pipeline", "pipeline: validate and write cases, overlapped")  # the old tree's
    timed(batches, "plan", "plan")
    timed(writer.Writer, "create", "write cases (incl. their inserts)")
    timed(getattr(writer, "Creating", None), "add", "build case rows, wait for the inserts")
    timed(identities.IdentityFile, "write", "write identities (incl. their inserts)")
    timed(fastinsert, "refresh_statistics", "ANALYZE")
    timed(getattr(pg_keys, "NewRowChecks", None), "finish", "foreign keys of the new rows, set-based")
    # Python waiting for the insert thread: large means SQLite bounds the import, small means Python does.
    timed(getattr(fastinsert, "Background", None), "wait", "  of which: waiting for the insert thread")
    connection.ensure_connection()
    timed(connection, "commit", "commit")
    insert_rows = fastinsert.insert_rows

    def counted(model, columns, rows, **kwargs):  # the writer's inserts run on a second thread (Background)
        started = time.perf_counter()
        insert_rows(model, columns, rows, **kwargs)
        entry = tables.setdefault(model._meta.db_table, [0, 0.0])
        entry[0] += len(rows)
        entry[1] += time.perf_counter() - started

    fastinsert.insert_rows = counted


def child_import(data: Path, database_url: str, profile: bool, tree: Path = ROOT, invalid: bool = False) -> dict:
    setup_django(database_url, tree)
    from django.db import connection

    from pnetp.sisetp.ingestion import fastinsert
    from pnetp.sisetp.ingestion.batches import run_import

    # What the worker's job does around an import; an older importer did it inside run_import.
    process_settings = getattr(fastinsert, "process_settings", contextlib.nullcontext)

    manifest = json.loads((data / "manifest.json").read_text("utf-8"))
    started = time.perf_counter()
    sources = prepare_database(manifest)
    setup_seconds = time.perf_counter() - started
    phases, tables = {}, {}
    instrument(phases, tables)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    cpu_self, cpu_children = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    connection.ensure_connection()
    server = connection.connection.info.backend_pid if connection.vendor == "postgresql" else None
    cpu_server = _server_cpu(server)
    per_source, problems, reports = [], [], []
    validating = 0.0
    for source, files in zip(sources, manifest["source_files"]):
        t0 = time.perf_counter()
        first_write = []

        def tick(stage, count, first_write=first_write):
            if stage == "gravando" and not first_write:
                first_write.append(time.perf_counter())

        with process_settings():
            cases = data / (("invalid_" if invalid else "") + files["cases_file"])
            result = run_import(source, "standard", cases, identity_path=data / files["identities_file"], progress=tick)
        validating += (first_write[0] if first_write else time.perf_counter()) - t0
        per_source.append(
            {"slug": source.slug, "rows": result.rows, "seconds": time.perf_counter() - t0, "counts": result.counts}
        )
        if not result.ok:
            problems += list(result.report.lines())[:5]
            reports.append({"total": result.report.total, "lines": result.report.lines()})
    seconds = time.perf_counter() - started
    cpu = {
        "process": _cpu(resource.RUSAGE_SELF) - cpu_self,
        "sealer": _cpu(resource.RUSAGE_CHILDREN) - cpu_children,
        "server": _server_cpu(server) - cpu_server,
    }
    if profiler:
        import io
        import pstats

        profiler.disable()
        text = io.StringIO()
        print(f"--- profile: {connection.vendor}, {tree} (main thread only) ---", file=text)
        stats = pstats.Stats(profiler, stream=text)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(20)
        print(text.getvalue(), file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute("select sqlite_version()" if connection.vendor == "sqlite" else "show server_version")
        version = cursor.fetchall()[0][0]
    rows = sum(s["rows"] for s in per_source)
    return {
        "seconds": seconds,
        "validating": validating,
        "setup_seconds": setup_seconds,
        "rows": rows,
        "per_source": per_source,
        "problems": problems,
        "version": version,
        "phases": phases,
        "tables": tables,
        "cpu": cpu,
        "reports": reports,
    }


def _cpu(who) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _server_cpu(pid: int | None) -> float:
    """CPU seconds of the PostgreSQL backend process serving the import (same machine; 0 if unreadable)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


# --- parent -----------------------------------------------------------------------------------------


def run_child(args: list[str]) -> tuple[dict, float]:
    """(result, peak RSS in MB) of this script run as a child."""
    proc = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"child {args[:2]} failed ({proc.returncode}):\n{output[-2000:]}")
    return json.loads(output.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True) as con:
        con.execute(sql)


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    ram = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "ram_gb": round(ram / 1024**2, 1),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def manifest_files(data: Path) -> list:
    return json.loads((data / "manifest.json").read_text("utf-8"))["source_files"]


def reused(data: Path, args):
    """The manifest of files generated earlier in ``data`` with the same records, sources and seed, or None."""
    from types import SimpleNamespace

    path = data / "manifest.json"
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text("utf-8"))
    wanted = {"records": args.records, "sources": args.sources, "seed": args.seed}
    if any(manifest.get(key) != value for key, value in wanted.items()):
        return None
    return SimpleNamespace(persons=manifest.get("persons", 0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--sources", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data", help="folder for the files (default: a temporary one, removed at the end)")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the files already generated in --data when its manifest matches"
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="comma-separated: sqlite, postgres")
    parser.add_argument("--profile", action="store_true", help="cProfile of each import (main thread), on stderr")
    parser.add_argument(
        "--compare-with",
        metavar="DIR",
        help="another tree of the code (e.g. `git archive main | tar -x -C DIR`): its import runs first, "
        "on the same files and databases, and both are printed side by side",
    )
    parser.add_argument(
        "--invalid",
        action="store_true",
        help=f"import cases files with a bad cell in one row of {INVALID_EVERY}: time to the report",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        kind, data, *rest = args.child
        if kind == "duckdb":
            result = child_duckdb(Path(data))
        else:
            tree = Path(rest[2]) if len(rest) > 2 else ROOT
            result = child_import(Path(data), rest[0], rest[1] == "1", tree, invalid=rest[3:] == ["invalid"])
        print(json.dumps(result, default=str))
        return

    info = machine()
    load_before = os.getloadavg()
    data = Path(args.data or tempfile.mkdtemp(prefix="sisetp_bench_"))
    workdir = Path(tempfile.mkdtemp(prefix="sisetp_bench_db_"))
    rows_out, details, reports = [], [], {}
    try:
        setup_django()
        from pnetp.sisetp.generator import generate

        started = time.perf_counter()
        manifest = reused(data, args) if args.reuse and args.data else None
        if manifest is None:
            manifest = generate(args.records, args.sources, seed=args.seed, out_dir=data)
            gen_seconds = time.perf_counter() - started
            rows_out.append(("generate (2 files per source + truth)", args.records, gen_seconds, None, ""))
        else:
            rows_out.append(("generate: reused files in --data", args.records, None, None, ""))
        size = sum(path.stat().st_size for path in data.iterdir() if not path.name.startswith("invalid_")) / 1024**2
        if args.invalid:
            started, bad = time.perf_counter(), 0
            for files in manifest_files(data):
                bad += corrupt(data / files["cases_file"], data / ("invalid_" + files["cases_file"]))
            rows_out.append(
                (
                    f"corrupt: {bad:,} bad cells (not timed in the imports)",
                    args.records,
                    time.perf_counter() - started,
                    None,
                    "",
                )
            )

        result, rss = run_child(["--child", "duckdb", str(data)])
        info["duckdb"] = result["version"]
        rows_out.append(("DuckDB read_csv, all files (floor)", result["rows"], result["seconds"], rss, ""))

        trees = [("old", Path(args.compare_with).resolve()), ("new", ROOT)] if args.compare_with else [("", ROOT)]
        for database in filter(None, args.databases.split(",")):
            for label, tree in trees:
                name = f"{PG_PREFIX}_{os.getpid()}"
                if database == "sqlite":
                    url = f"sqlite:///{workdir / (label + 'bench.sqlite3')}"
                else:
                    postgres(f"CREATE DATABASE {name}")
                    url = PG_URL.format(name=name)
                try:
                    profile = "1" if args.profile else "0"
                    child = ["--child", "import", str(data), url, profile, str(tree)] + (
                        ["invalid"] if args.invalid else []
                    )
                    result, rss = run_child(child)
                finally:
                    if database == "postgres":
                        postgres(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
                info[database] = result["version"]
                writing = result["seconds"] - result["validating"]
                cpu = result["cpu"]
                note = (
                    f"validation {result['validating']:.0f} s, writing {writing:.0f} s; "
                    f"cpu {cpu['process']:.0f} s (process and its threads) + "
                    f"{cpu['sealer']:.0f} s (encryption worker)"
                    + (f" + {cpu['server']:.0f} s (PostgreSQL backend)" if database == "postgres" else "")
                    + f"; setup {result['setup_seconds']:.0f} s (migrate, territory) not counted"
                )
                if args.invalid:
                    note = (
                        f"report: {sum(r['total'] for r in result['reports']):,} problems in "
                        f"{len(result['reports'])} of {len(result['per_source'])} files; cpu {cpu['process']:.0f} s"
                    )
                    reports[database, label] = result["reports"]
                elif result["problems"]:
                    note += "; REJECTED: " + " | ".join(result["problems"][:3])
                step = f"import {label + ', ' if label else ''}{database}"
                rows_out.append((step, args.records, result["seconds"], rss, note))
                details.append((f"{label} {database}".strip(), result))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if not args.data:
            shutil.rmtree(data, ignore_errors=True)

    print(
        f"SISETP import benchmark — {args.records:,} records, {args.sources} sources, seed {args.seed}, "
        f"{size:.0f} MB of CSV, {manifest.persons:,} true persons"
    )
    print("machine: " + ", ".join(f"{key} {value}" for key, value in info.items()))
    load_after = os.getloadavg()
    print(
        "load average (1/5/15 min) before: "
        + " ".join(f"{x:.2f}" for x in load_before)
        + ", after: "
        + " ".join(f"{x:.2f}" for x in load_after)
    )
    print(f"{'step':<46} {'rows':>10} {'seconds':>8} {'rows/s':>10} {'peak MB':>8}  notes")
    for step, rows, seconds, rss, note in rows_out:
        peak = f"{rss:8.0f}" if rss else f"{'':>8}"
        if seconds is None:
            print(f"{step:<46} {rows:>10,}")
            continue
        print(f"{step:<46} {rows:>10,} {seconds:>8.1f} {rows / seconds:>10,.0f} {peak}  {note}")
    for database in filter(None, args.databases.split(",")):
        if ("old" in [label for _db, label in reports]) and (database, "new") in reports:
            same = reports[database, "old"] == reports[database, "new"]
            print(f"{database}: reports of the invalid files, old and new: {'identical' if same else 'DIFFERENT'}")
    for database, result in details:
        print_phases(database, result)


def print_phases(database: str, result: dict) -> None:
    """Where the import's time went: phases (validation from the progress tick) and rows per table."""
    total = result["seconds"]
    print(f"\n{database}: phases (wall s, share of the import)")
    # "validation" is the time to the first write: the whole cases file and the plan (the old tree's
    # pipeline wrote large files while it validated: its row then holds the rest of validation and writing).
    phases = {"validation (to the first write)": result["validating"], **result["phases"]}
    for name, seconds in phases.items():
        print(f"  {name:<44} {seconds:8.1f} {100 * seconds / total:5.0f} %")
    inserts = sum(seconds for _rows, seconds in result["tables"].values())
    rows = sum(count for count, _seconds in result["tables"].values())
    print(
        f"{database}: raw inserts by table (rows, wall s inside the insert calls; total {rows:,} rows, {inserts:.1f} s)"
    )
    links = [0, 0.0]
    for table, (count, seconds) in sorted(result["tables"].items(), key=lambda item: -item[1][1]):
        print(f"  {table:<44} {count:>10,} {seconds:8.1f}")
        if table.startswith("sisetp_caseperson_"):
            links[0] += count
            links[1] += seconds
    if rows:
        print(
            f"  {'11 many-to-many link tables together':<44} {links[0]:>10,} {links[1]:8.1f}"
            f"  ({100 * links[0] / rows:.0f} % of rows, {100 * links[1] / max(inserts, 1e-9):.0f} % of insert time;"
            " on PostgreSQL their FK checks run at commit, not here)"
        )


if __name__ == "__main__":
    main()
