#!/usr/bin/env python3
"""Load on the public pages: the production set-up (`pnetp serve` + `pnetp worker`, PostgreSQL, Redis) with an
import and a linkage run going on in the workers, beside `pnetp runserver` (the set-up before issue 13).

Target (issue 13): p95 ≤ 150 ms and 0 errors on the public pages, 50 concurrent clients for 60 s, while an import
and a linkage run are going on in the workers.

    flock /tmp/pnetp-bench.lock .venv/bin/python benchmarks/load_public_pages.py
        [--clients 50] [--duration 60] [--baseline-duration 60 | --skip-baseline] [--records 190000]
        [--workers N] [--threads T] [--port 8114] [--keep] [--template BANCO:PASTA] [--code PASTA] [--no-front]

What it does, in order (everything it creates is removed on exit, also on Ctrl+C or an error):
1. a scratch PostgreSQL database (postgres://postgres@127.0.0.1:5432/pnetp_load_<pid>) loaded like a fresh
   install (migrate, load-territory, import-plan, demo) and a scratch data folder; a scratch Redis database
   for the page cache (``--cache-url``, flushed at the start);
2. fictitious SISETP files (``pnetp sisetp generate --records N --sources 2``): the first source is imported
   with ``pnetp sisetp import`` before the load (the records the linkage run links);
3. `pnetp serve` and three `pnetp worker` (one job each: the import, the linkage run, the statistics
   recompute the first import queued), each URL requested twice (warm-up; the second must come from the cache);
4. right before the load, as a user does on the pages: the second source's files uploaded (the validation is
   queued, ``ingestion.jobs.start``), a linkage run started (``linkage.service.start_run``); once the
   import is valid the benchmark confirms it as the confirm button does (the write is queued);
5. the load: asyncio clients with keep-alive connections (standard library), each requesting the URLs in turn
   from a random start until the time is up; meanwhile a sampler records every second the state of both jobs,
   the data version of the page cache and the load average; the CPU time of the server, the workers and the
   client over the window;
6. the report: per URL and overall requests, requests/s, p50, p95, p99 (ms), errors (status ≠ 200 or a failed
   connection), share served from the page cache; the jobs' states during the load; the machine; a verdict;
7. the baseline: `pnetp runserver` (DEBUG off, page cache off) on the same database, same clients (no jobs).

The client runs on the same machine as the server: its CPU time is printed too.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import resource
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PNETP = str(ROOT / ".venv" / "bin" / "pnetp")
URLS = [
    "/",
    "/plano/iv-pnetp/",
    "/plano/iv-pnetp/1.1.3/",
    "/transparencia/",
    "/transparencia/dados/",
    "/sisetp/estatisticas/",
    "/sisetp/estatisticas/mapa/",
    "/sisetp/estatisticas/fluxos/",
    "/sisetp/estatisticas/formas-de-exploracao/",
    "/sisetp/estatisticas/nacionalidades/",
    "/sisetp/estatisticas/vulnerabilidade/",
    "/api/v1/plans/",
]
TARGET_P95_MS = 150
ENV = {
    "SECRET_KEY": "load-benchmark-only-" + "k" * 40,
    "PNETP_FIELD_ENCRYPTION_KEY": "H8ymRfYU4hpF2NI0ol3tjU2kBlC2koLwjz1FG1w_bVc=",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "PNETP_SSL_REDIRECT": "0",  # plain HTTP on the loopback; production keeps the redirect
    "SECURE_COOKIES": "0",
    "LOG_LEVEL": "WARNING",
}
VERSION_KEY = ":1:pnetp:data-version"  # Django's RedisCache key of page_cache.VERSION_KEY (no prefix, version 1)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
RETRIED = {"count": 0}  # requests sent again on a new connection (the server closed a kept-alive one unanswered)


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


# ---------------------------------------------------------------- steps run inside Django (a child process)


def django_step(step: str, argv: list[str]) -> None:
    """Run by ``--django-step``: the bits that go through the platform's own services. Prints one JSON line."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files import File

    from pnetp.sisetp.ingestion import jobs
    from pnetp.linkage import service
    from pnetp.sisetp.models import DataSource, ImportJob

    user = get_user_model().objects.filter(username="coordenacao").first()
    if step == "queue-import":  # as the import page: the files stored, the validation queued
        slug, cases, identities = argv
        with open(cases, "rb") as case_file, open(identities, "rb") as identity_file:
            job = ImportJob.objects.create(
                source=DataSource.objects.get(slug=slug),
                layout="standard",
                user=user,
                file_path=jobs.save_upload(File(case_file, Path(cases).name)),
                file_name=Path(cases).name,
                identity_file_path=jobs.save_upload(File(identity_file, Path(identities).name)),
                identity_file_name=Path(identities).name,
            )
        jobs.start(job, write=False)
        print(json.dumps({"import_job": job.pk}))
    elif step == "start-linkage":  # as the "run linkage" button (linkage.views.runs)
        print(json.dumps({"linkage_run": service.start_run(user).pk}))
    elif step == "confirm-import":  # as the confirm button (ingestion.views.job_confirm)
        job = ImportJob.objects.get(pk=int(argv[0]), status=ImportJob.Status.VALID)
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
        jobs.start(job, write=True)
        print(json.dumps({"import_job": job.pk}))
    else:
        raise SystemExit(f"passo desconhecido: {step}")


# ---------------------------------------------------------------- processes, database, sampling


@dataclass
class Context:
    args: argparse.Namespace
    env: dict
    data_dir: Path
    database: str
    processes: list = field(default_factory=list)

    def run(self, *argv: str, quiet: bool = True) -> str:
        done = subprocess.run(argv, env=self.env, check=False, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"falhou: {' '.join(argv)}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return done.stdout

    def step(self, name: str, *argv: str) -> dict:
        out = self.run(PYTHON, __file__, "--django-step", name, *argv)
        return json.loads(out.strip().splitlines()[-1])

    def start(self, name: str, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        log = open(self.data_dir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            argv, env=env or self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        process.log = log
        process.name = name
        self.processes.append(process)
        return process

    def stop(self, process: subprocess.Popen, grace: float = 20) -> None:
        """SIGTERM to its process group (twice: a worker stops its job at the second), then SIGKILL."""
        if process.poll() is None:
            for _ in range(2):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                time.sleep(0.5)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        process.log.close()
        if process in self.processes:
            self.processes.remove(process)


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(
        ["psql", "-qAt", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-c", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds of a process and its live descendants, plus what it reaped (gunicorn's restarted workers)."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = text.rsplit(")", 1)[1].split()
            stats[int(entry)] = (int(fields[1]), sum(int(x) for x in fields[11:15]))  # ppid; utime stime cutime cstime
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += stats[pid][1]
            todo += [child for child, (ppid, _) in stats.items() if ppid == pid]
    return total / CLOCK_TICKS


def process_cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime stime


def outside_cpu(database: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of the processes outside the benchmark's trees that serve it: the database's PostgreSQL
    backends (the jobs' writes and queries run there, at the priority of PostgreSQL, not of the niced worker)
    and the Redis server (the page cache)."""
    backends = psql(f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()")
    redis = [
        int(entry)
        for entry in os.listdir("/proc")
        if entry.isdigit() and Path(f"/proc/{entry}/comm").exists() and _comm(entry) == "redis-server"
    ]
    return {
        "PostgreSQL": {int(pid): process_cpu_seconds(int(pid)) for pid in backends.split()},
        "Redis": {pid: process_cpu_seconds(pid) for pid in redis},
    }


def _comm(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def outside_cpu_used(before: dict, after: dict) -> dict[str, float]:
    """Per group, the CPU used between two readings by the processes alive at the second (a backend that ended
    in between is missed)."""
    return {
        group: sum(seconds - before[group].get(pid, 0.0) for pid, seconds in pids.items())
        for group, pids in after.items()
    }


def job_states(database: str, import_job: int, linkage_run: int) -> tuple[str, str]:
    """Each job's state as its page shows it; "(no worker)" until a worker took it (its first heartbeat)."""
    out = psql(
        "SELECT (SELECT status || CASE WHEN heartbeat_at IS NULL THEN ' (sem worker)' ELSE '' END "
        f"        || ', ' || rows_done || ' linhas validadas' FROM sisetp_importjob WHERE id = {import_job}), "
        "       (SELECT status || CASE WHEN heartbeat_at IS NULL THEN ' (sem worker)' ELSE '' END "
        f"        || CASE WHEN stage = '' THEN '' ELSE ', etapa ' || stage END "
        f"        FROM sisetp_linkagerun WHERE id = {linkage_run})",
        database,
    )
    imported, linked = (out.split("|") + [""])[:2]
    return imported.strip(), linked.strip()


def in_progress(key: str, state: str) -> bool:
    """The import validates, waits a moment for its confirmation, or writes; the linkage run runs."""
    statuses = ("validando", "valido", "gravando") if key == "import" else ("em_andamento",)
    return state.startswith(statuses)


class Sampler(threading.Thread):
    """Every ``every`` seconds during the load: the jobs' states, the data version, the load average."""

    def __init__(self, ctx: Context, jobs: dict | None, every: float = 1.0):
        super().__init__(daemon=True)
        self.ctx, self.jobs, self.every = ctx, jobs, every
        self.stopped = threading.Event()
        self.samples: list[dict] = []
        self.confirmed = 0.0  # when the import was confirmed (seconds into the load)
        import redis

        self.redis = redis.Redis.from_url(ctx.args.cache_url)

    def run(self) -> None:
        started = time.monotonic()
        while not self.stopped.is_set():
            sample = {
                "t": time.monotonic() - started,
                "load": os.getloadavg()[0],
                "version": self.redis.get(VERSION_KEY),
            }
            if self.jobs:
                try:
                    sample["import"], sample["linkage"] = job_states(
                        self.ctx.database, self.jobs["import_job"], self.jobs["linkage_run"]
                    )
                except subprocess.CalledProcessError:
                    sample["import"] = sample["linkage"] = "?"
                if sample["import"].startswith("valido") and not self.confirmed:
                    self.confirmed = time.monotonic() - started
                    threading.Thread(
                        target=self.ctx.step, args=("confirm-import", str(self.jobs["import_job"])), daemon=True
                    ).start()
            self.samples.append(sample)
            self.stopped.wait(self.every)


# ---------------------------------------------------------------- preparation


def prepare(ctx: Context) -> dict:
    """A fresh install with the demo, a first source imported, a second one queued and validated."""
    args, timings = ctx.args, {}

    def timed(label, *argv):
        started = time.perf_counter()
        ctx.run(*argv)
        timings[label] = time.perf_counter() - started
        say(f"{label}: {timings[label]:.0f} s")

    timed("migrate", PNETP, "migrate", "--noinput", "-v", "0")
    timed("load-territory", PNETP, "load-territory")
    timed("import-plan", PNETP, "import-plan", str(ROOT / "pnetp/plans/data/iv-pnetp-2024-2028.txt"), "--publish")
    timed("demo", PNETP, "demo", "--force")
    generated = ctx.data_dir / "gerados"
    timed(
        f"sisetp generate {args.records}",
        PNETP,
        "sisetp",
        "generate",
        "--records",
        str(args.records),
        "--sources",
        "2",
        "--seed",
        "7",
        "--out",
        str(generated),
    )
    first = json.loads((generated / "manifest.json").read_text())["source_files"][0]
    timed(
        f"sisetp import {first['slug']} ({first['rows']} registros)",
        PNETP,
        "sisetp",
        "import",
        "--source",
        first["slug"],
        "--layout",
        "standard",
        str(generated / first["cases_file"]),
        "--identity-file",
        str(generated / first["identities_file"]),
        "--user",
        "coordenacao",
    )
    return generated_files(generated)


def generated_files(generated: Path) -> dict:
    """The second source's files (imported during the load) and both sources' sizes."""
    first, second = json.loads((generated / "manifest.json").read_text())["source_files"]
    return {
        "rows": second["rows"],
        "base_rows": first["rows"],
        "files": [second["slug"], str(generated / second["cases_file"]), str(generated / second["identities_file"])],
    }


def wait_for(check, seconds: float, what: str, every: float = 1.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise SystemExit(f"esperou {seconds:.0f} s por: {what}")


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 1200) -> None:
    """Long: the first start of `pnetp serve` collects the static files (minutes on a loaded machine)."""

    def up():
        if process.poll() is not None:
            raise SystemExit(f"o servidor terminou com código {process.returncode} (log: {process.log.name})")
        try:
            with urllib.request.urlopen(base + "/saude/", timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    wait_for(up, seconds, "o servidor responder em /saude/", every=0.5)


def static_files(ctx: Context) -> None:
    """Collected once and kept between runs (as scripts/prod_smoke.sh, same key): minutes on a busy machine."""
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-s", "--", ":(glob)pnetp/*/static/**", "package-lock.json"],
        capture_output=True,
        check=True,
    ).stdout
    import hashlib

    django_version = subprocess.run(
        [PYTHON, "-c", "import django; print(django.__version__)"], capture_output=True, check=True
    ).stdout
    key = hashlib.sha256(listing + django_version).hexdigest()[:16]
    base = os.environ.get("PNETP_SMOKE_STATIC_CACHE") or str(Path.home() / ".cache" / "pnetp-smoke-static")
    cached = Path(base) / key
    if not (cached / "staticfiles.json").exists():
        say("collectstatic (uma vez; guardado em ~/.cache/pnetp-smoke-static)")
        ctx.run(PNETP, "collectstatic", "--noinput", "-v", "0")
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(f"{key}.tmp{os.getpid()}")
        (ctx.data_dir / "static").rename(temporary)
        temporary.rename(cached)
    static = ctx.data_dir / "static"
    if static.is_dir() and not static.is_symlink():
        static.rmdir()
    if not static.exists():
        static.symlink_to(cached)


# ---------------------------------------------------------------- the load


def request_bytes(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html,application/json\r\n\r\n".encode()


async def fetch(reader, writer, request: bytes) -> tuple[int, bool, bool]:
    """(status, served from the page cache, connection closed by the server).

    Kept cheap, as the client shares the cores with the server: the head is read in one call and parsed from
    bytes (a browser's HTTP stack is native code, not a Python coroutine per header line)."""
    writer.write(request)
    head = (await reader.readuntil(b"\r\n\r\n")).lower()
    status = int(head[9:12])
    length, chunked, close = None, False, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value:
            chunked = True
        elif name == b"connection" and value.strip() == b"close":
            close = True
    hit = b"\r\nx-page-cache: hit\r\n" in head
    if chunked:
        while size := int((await reader.readline()).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return status, hit, close


async def client(port: int, until: float, results: dict) -> None:
    """One visitor: the URLs in turn from a random start, each answer awaited (closed loop), its connection kept
    alive between requests as a browser does, unless the server closes it."""
    urls = [(path, request_bytes(path)) for path in URLS]
    random.shuffle(urls)
    reader = writer = None
    index = 0
    while time.monotonic() < until:
        path, request = urls[index % len(urls)]
        index += 1
        started = time.perf_counter()
        hit, status, retried = False, 0, False
        try:
            async with asyncio.timeout(30):
                while True:
                    reused = writer is not None
                    if writer is None:
                        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
                    try:
                        status, hit, close = await fetch(reader, writer, request)
                        break
                    except (ConnectionError, asyncio.IncompleteReadError) as error:
                        writer.close()
                        writer = None
                        if not reused or retried or getattr(error, "partial", b""):
                            raise
                        # The server closed a kept-alive connection as this request went out (a worker restarting
                        # after --max-requests, an idle timeout) and answered nothing: a browser sends it again
                        # on a new connection (RFC 9112, 9.3.1), once.
                        retried = True
                        RETRIED["count"] += 1
            if close:  # the server closes the connection (gunicorn's sync workers do): another one next time
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, IndexError):
            status = 0
            if writer is not None:
                writer.close()
            writer = None
        results[path].append((time.perf_counter() - started, status, hit))
    if writer is not None:
        writer.close()


async def load(port: int, clients: int, duration: float) -> tuple[dict, float]:
    results = {url: [] for url in URLS}
    started = time.monotonic()
    await asyncio.gather(*(client(port, started + duration, results) for _ in range(clients)))
    return results, time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def table(results: dict, elapsed: float) -> tuple[list[str], dict]:
    lines = [
        f"{'URL':44} {'pedidos':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'erros':>6} {'cache':>6}"
    ]
    everything = []

    def row(label, samples):
        times = [seconds * 1000 for seconds, _status, _hit in samples]
        errors = sum(1 for _seconds, status, _hit in samples if status != 200)
        hits = sum(1 for *_rest, hit in samples if hit)
        figures = {
            "requests": len(samples),
            "rps": len(samples) / elapsed,
            "p50": percentile(times, 0.5),
            "p95": percentile(times, 0.95),
            "p99": percentile(times, 0.99),
            "errors": errors,
            "hit_ratio": hits / len(samples) if samples else 0.0,
        }
        lines.append(
            f"{label:44} {figures['requests']:8} {figures['rps']:7.1f} {figures['p50']:8.0f} "
            f"{figures['p95']:8.0f} {figures['p99']:8.0f} {errors:6} {figures['hit_ratio']:6.1%}"
        )
        return figures

    for url, samples in results.items():
        row(url, samples)
        everything += samples
    return lines, row("TODAS", everything)


def warm_up(base: str, cached: bool) -> list[str]:
    """Each URL twice; with the page cache on, the second answer must come from it."""
    problems = []
    for url in URLS:
        for attempt in range(2):
            request = urllib.request.Request(base + url, headers={"Accept": "text/html,application/json"})
            try:
                with urllib.request.urlopen(request, timeout=300) as response:
                    response.read()
                    hit = response.headers.get("X-Page-Cache") == "hit"
            except OSError as error:
                problems.append(f"aquecimento {url}: {error}")
                break
            if attempt == 1 and cached and not hit:
                problems.append(f"aquecimento {url}: o segundo pedido não veio do cache de páginas")
    return problems


def describe_jobs(samples: list[dict]) -> list[str]:
    if not samples or "import" not in samples[0]:
        return []
    lines = []
    for key, label in (
        ("import", "importação (validação, confirmação, gravação)"),
        ("linkage", "ligação de registros"),
    ):
        states = [s[key] for s in samples]
        share = sum(1 for state in states if in_progress(key, state)) / len(states)
        first_other = next((s for s in samples if not in_progress(key, s[key])), None)
        ended = f"; terminou em t={first_other['t']:.0f} s: {first_other[key]}" if first_other else ""
        changes = [
            f"t={s['t']:.0f} s {s[key].split(',')[0]}"
            for previous, s in zip(samples, samples[1:])
            if s[key].split(",")[0] != previous[key].split(",")[0]
        ]
        lines.append(
            f"  {label}: no início '{states[0]}', no fim '{states[-1]}'; em andamento em "
            f"{share:.0%} das {len(states)} amostras" + (f"; mudanças: {', '.join(changes)}" if changes else "") + ended
        )
    return lines


def describe_versions(samples: list[dict]) -> str:
    changes = [s["t"] for previous, s in zip(samples, samples[1:]) if s["version"] != previous["version"]]
    when = ", ".join(f"t={t:.0f} s" for t in changes)
    return f"  versão dos dados (cache de páginas) mudou {len(changes)} vez(es) durante a carga" + (
        f": {when}" if changes else ""
    )


@dataclass
class Measured:
    lines: list[str]
    overall: dict
    jobs_running_throughout: bool | None


def measure(
    ctx: Context,
    title: str,
    command: list[str],
    env: dict,
    duration: float,
    *,
    cached: bool,
    workers: list | None = None,
    import_job: dict | None = None,
) -> Measured:
    port = ctx.args.port
    server = ctx.start(title.split()[0] + "-" + command[1], command, env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        served = [
            line.strip()
            for line in Path(server.log.name).read_text(errors="replace").splitlines()
            if line.startswith("pnetp: servindo em")
        ]  # the size `pnetp serve` chose (processes × threads)
        problems = warm_up(base, cached)
        jobs = None
        if import_job:
            # As a user would: upload (the validation is queued) and start a linkage run; the sampler confirms the
            # import once it is valid (the write is queued). The load starts at once.
            jobs = {**ctx.step("queue-import", *import_job["files"]), **ctx.step("start-linkage")}
        sampler = Sampler(ctx, jobs)
        load_before = os.getloadavg()
        cpu_before = {
            "server": tree_cpu_seconds(server.pid),
            **{w.name: tree_cpu_seconds(w.pid) for w in workers or []},
        }
        outside_before = outside_cpu(ctx.database)
        client_before = resource.getrusage(resource.RUSAGE_SELF)
        sampler.start()
        say(f"{title}: {ctx.args.clients} clientes por {duration:.0f} s")
        RETRIED["count"] = 0
        results, elapsed = asyncio.run(load(port, ctx.args.clients, duration))
        sampler.stopped.set()
        sampler.join()
        client_after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = {
            "server": tree_cpu_seconds(server.pid) - cpu_before["server"],
            **{w.name: tree_cpu_seconds(w.pid) - cpu_before[w.name] for w in workers or []},
        }
        load_after = os.getloadavg()
        outside = outside_cpu_used(outside_before, outside_cpu(ctx.database))
    finally:
        ctx.stop(server)
    lines, overall = table(results, elapsed)
    client_cpu = (client_after.ru_utime + client_after.ru_stime) - (client_before.ru_utime + client_before.ru_stime)
    peak = max(s["load"] for s in sampler.samples)
    out = [
        title,
        *(f"  {line}" for line in served),
        *lines,
        "",
        f"  janela {elapsed:.1f} s; carga média (1 min) antes {load_before[0]:.1f}, máx. durante {peak:.1f}, "
        f"depois {load_after[0]:.1f} ({os.cpu_count()} núcleos)",
        f"  CPU (s) na janela: servidor {cpu['server']:.1f}"
        + "".join(f", {name} {seconds:.1f}" for name, seconds in cpu.items() if name != "server")
        + f", cliente de carga {client_cpu:.1f}"
        + "".join(f", {name} {seconds:.1f}" for name, seconds in outside.items())
        + f"; capacidade {elapsed * (os.cpu_count() or 1):.0f}",
        f"  CPU do cliente por pedido: {1000 * client_cpu / max(1, overall['requests']):.2f} ms",
        f"  CPU do servidor por pedido: {1000 * cpu['server'] / max(1, overall['requests']):.2f} ms",
        f"  pedidos reenviados numa conexão nova (o servidor fechou uma mantida sem responder): {RETRIED['count']}",
    ]
    out += describe_jobs(sampler.samples)
    if cached:
        out.append(describe_versions(sampler.samples))
    out += [f"  ! {problem}" for problem in problems]
    throughout = None
    if jobs:
        throughout = all(
            in_progress("import", s["import"]) and in_progress("linkage", s["linkage"])
            for s in sampler.samples
            if s["t"] <= duration
        )  # the last answers may come later
    return Measured(out, overall, throughout)


# ---------------------------------------------------------------- main


def machine() -> str:
    load1, load5, load15 = os.getloadavg()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    return (
        f"{platform.node()}: {os.cpu_count()} núcleos ({cpu}), Python {platform.python_version()}, "
        f"carga média no início {load1:.1f}/{load5:.1f}/{load15:.1f} (1/5/15 min)"
    )


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="segundos de carga no servidor de produção")
    parser.add_argument(
        "--baseline-duration", type=float, default=None, help="segundos no runserver (padrão: --duration)"
    )
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--no-jobs", action="store_true", help="sem importação nem ligação durante a carga")
    parser.add_argument(
        "--records",
        type=int,
        default=190_000,
        help="registros gerados (2 fontes: a 1ª importada antes, a 2ª durante a carga; abaixo de "
        "2 × 100.000, o limiar das importações em massa que travam as tabelas)",
    )
    parser.add_argument("--workers", type=int, default=None, help="processos do gunicorn (padrão: o de pnetp serve)")
    parser.add_argument("--threads", type=int, default=None, help="threads por processo (pnetp serve --threads)")
    parser.add_argument("--port", type=int, default=8114)
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("PNETP_LOAD_CACHE_URL", "redis://127.0.0.1:6379/13"),
        help="banco Redis só deste teste (esvaziado no início)",
    )
    parser.add_argument("--keep", action="store_true", help="não apaga o banco nem a pasta de dados no fim")
    parser.add_argument(
        "--reuse",
        metavar="BANCO:PASTA",
        help="usa um banco e uma pasta guardados com --keep, "
        "como estão (só com --no-jobs; para comparar configurações do servidor depressa)",
    )
    parser.add_argument(
        "--template",
        metavar="BANCO:PASTA",
        help="em vez de preparar (minutos): copia um banco "
        "guardado com --keep antes das tarefas (CREATE DATABASE … TEMPLATE) e usa os arquivos "
        "gerados na pasta dele; a importação e a ligação rodam como sempre",
    )
    parser.add_argument(
        "--no-front",
        action="store_true",
        help="servidor com PNETP_PAGE_FRONT=0 (toda página passa pelos middlewares do Django; para comparar)",
    )
    parser.add_argument(
        "--code",
        metavar="PASTA",
        help="roda o pnetp (servidor, workers, passos) de outra cópia do "
        "código (p. ex. `git archive` de um commit anterior, com PYTHONPATH): antes e depois nas "
        "mesmas condições",
    )
    parser.add_argument("--output", help="grava o relatório também neste arquivo")
    return parser.parse_args(argv)


def main() -> int:
    if sys.argv[1:2] == ["--django-step"]:
        django_step(sys.argv[2], sys.argv[3:])
        return 0
    args = parse_args()
    if args.reuse and not args.no_jobs:
        raise SystemExit("--reuse só com --no-jobs (as tarefas precisam de um banco novo)")
    database, _, folder = (args.reuse or f"pnetp_load_{os.getpid()}:/tmp/pnetp-load-{os.getpid()}").partition(":")
    data_dir = Path(folder)
    data_dir.mkdir(parents=True, exist_ok=bool(args.reuse))
    args.keep = args.keep or bool(args.reuse)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DEBUG"},
        **ENV,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "PNETP_DATA_DIR": str(data_dir),
        "PNETP_CACHE_URL": args.cache_url,
        **({"PYTHONPATH": str(Path(args.code).resolve())} if args.code else {}),
    }
    ctx = Context(args, env, data_dir, database)
    header = [
        f"benchmarks/load_public_pages.py — {time.strftime('%Y-%m-%dT%H:%MZ', time.gmtime())}",
        "comando: " + " ".join(["benchmarks/load_public_pages.py", *sys.argv[1:]]),
        machine(),
        f"{args.clients} clientes, {args.duration:.0f} s, {len(URLS)} URLs públicas; alvo: p95 ≤ "
        f"{TARGET_P95_MS} ms e 0 erros com uma importação e uma ligação de registros em andamento",
    ]
    report: list[str] = []
    interrupted = signal.getsignal(signal.SIGTERM)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if args.template:
            psql(f"CREATE DATABASE {database} TEMPLATE {args.template.partition(':')[0]}")
        elif not args.reuse:
            psql(f"CREATE DATABASE {database}")
        subprocess.run(["redis-cli", "-u", args.cache_url, "flushdb"], check=True, capture_output=True)
        say(f"banco {database}, pasta {data_dir}")
        job = None if args.no_jobs else {}
        if args.template:
            prepared = generated_files(Path(args.template.partition(":")[2]) / "gerados")
        else:
            prepared = {"rows": 0, "base_rows": 0} if args.reuse else prepare(ctx)
        static_files(ctx)
        # Three: the import, the linkage run, and the statistics recompute that the first page view after the
        # first import queued (the pages serve the stored release, marked as being updated, meanwhile).
        workers = [ctx.start(f"worker{n}", [PNETP, "worker", "--intervalo", "0.5"]) for n in (1, 2, 3)]
        if job is not None:
            job = prepared
        serve = [PNETP, "serve", "--bind", f"127.0.0.1:{args.port}"]
        serve_env = {**env, "PNETP_PAGE_FRONT": "0"} if args.no_front else env
        serve += ["--workers", str(args.workers)] if args.workers else []
        serve += ["--threads", str(args.threads)] if args.threads else []
        workers_text = f"{args.workers or (os.cpu_count() or 1) + 1} processos" + (
            f" × {args.threads} threads" if args.threads else " × as threads padrão"
        )
        jobs_text = (
            f"com a importação de {prepared['rows']} registros (2ª fonte) e a ligação de registros "
            f"({prepared['base_rows']} + demo) nos workers"
            if job is not None
            else "sem tarefas"
        )
        production = measure(
            ctx,
            f"pnetp serve (gunicorn {workers_text}, DEBUG desligado, cache de páginas em "
            f"Redis{', sem a frente do cache' if args.no_front else ''}, 3 × pnetp worker nice "
            f"{os.environ.get('PNETP_WORKER_NICE', '19')}), {jobs_text}",
            serve,
            serve_env,
            args.duration,
            cached=True,
            workers=workers,
            import_job=job,
        )
        report += production.lines
        for worker in workers:
            ctx.stop(worker)
        if not args.skip_baseline:
            baseline = measure(
                ctx,
                "linha de base: pnetp runserver (DEBUG desligado, sem cache de páginas, sem tarefas)",
                [PNETP, "runserver", "--noreload", "--insecure", f"127.0.0.1:{args.port}"],
                {**env, "PNETP_PAGE_CACHE_SECONDS": "0"},
                args.baseline_duration or args.duration,
                cached=False,
            )
            report += [""] + baseline.lines
        overall = production.overall
        met = overall["p95"] <= TARGET_P95_MS and overall["errors"] == 0
        verdict = (
            f"VEREDITO: p95 {overall['p95']:.0f} ms, {overall['errors']} erros, "
            f"{overall['hit_ratio']:.1%} do cache → alvo {'ATINGIDO' if met else 'NÃO atingido'}"
        )
        if job is not None:
            verdict += (
                "; importação e ligação em andamento durante toda a carga"
                if production.jobs_running_throughout
                else "; ATENÇÃO: importação e/ou ligação não estiveram em andamento durante toda a carga"
            )
        report += ["", verdict]
    finally:
        for process in list(ctx.processes):
            ctx.stop(process, grace=5)
        signal.signal(signal.SIGTERM, interrupted)
        if args.keep:
            say(f"mantidos: --reuse {database}:{data_dir} (DATABASE_URL={env['DATABASE_URL']})")
        else:
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            subprocess.run(["rm", "-rf", str(data_dir)], check=False)
        subprocess.run(["redis-cli", "-u", args.cache_url, "flushdb"], check=False, capture_output=True)
    text = "\n".join(header + [""] + report)
    print("\n" + text)
    if args.output:
        Path(args.output).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
