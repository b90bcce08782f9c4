#!/usr/bin/env python3
"""Load on the public pages: the production server (`pnetp serve`, gunicorn, DEBUG off) against PostgreSQL,
beside `pnetp runserver` (DEBUG off, page cache off: the set-up before issue 13) as the baseline.

Target (issue 13): p95 ≤ 150 ms and 0 errors for the public pages under 50 concurrent clients for 60 s.

    flock /tmp/pnetp-bench.lock .venv/bin/python benchmarks/load_public_pages.py [--clients 50 --duration 60]
        [--database-url postgres://…/existing]  [--skip-baseline] [--port 8114]

Without --database-url it creates a scratch PostgreSQL database (postgres://postgres@127.0.0.1:5432,
name ``pnetp_load_<pid>``), loads it like a fresh install (migrate, load-territory, import-plan, demo,
publish-statistics) and drops it at the end. The client is asyncio with keep-alive connections (standard
library); each client requests the URLs in turn, a random start each, until the time is up. It prints, per
server and URL: requests, requests/s, p50, p95, p99 (ms) and errors (status ≠ 200 or a failed connection).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNETP = str(ROOT / ".venv" / "bin" / "pnetp")
URLS = [
    "/", "/plano/iv-pnetp/", "/plano/iv-pnetp/1.1.3/", "/transparencia/", "/transparencia/dados/",
    "/sisetp/estatisticas/", "/sisetp/estatisticas/mapa/", "/sisetp/estatisticas/fluxos/",
    "/sisetp/estatisticas/formas-de-exploracao/", "/sisetp/estatisticas/nacionalidades/",
    "/sisetp/estatisticas/vulnerabilidade/", "/api/v1/plans/",
]
ENV = {
    "SECRET_KEY": "load-benchmark-only-" + "k" * 40,
    "PNETP_FIELD_ENCRYPTION_KEY": "H8ymRfYU4hpF2NI0ol3tjU2kBlC2koLwjz1FG1w_bVc=",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "PNETP_SSL_REDIRECT": "0",  # plain HTTP on the loopback; production keeps the redirect
    "SECURE_COOKIES": "0",
    "LOG_LEVEL": "WARNING",
}


def run(*args: str, env: dict) -> None:
    subprocess.run([PNETP, *args], env=env, check=True, stdout=subprocess.DEVNULL)


def prepare_database(env: dict) -> None:
    started = time.perf_counter()
    run("migrate", "--noinput", "-v", "0", env=env)
    run("load-territory", env=env)
    run("import-plan", str(ROOT / "pnetp/plans/data/iv-pnetp-2024-2028.txt"), "--publish", env=env)
    run("demo", "--force", env=env)
    run("sisetp", "publish-statistics", env=env)
    print(f"base de dados pronta em {time.perf_counter() - started:.0f} s", flush=True)


def wait_until_up(base: str, process: subprocess.Popen, seconds: float = 1200) -> None:
    """Long: the first start of `pnetp serve` collects the static files (minutes on a loaded machine)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"o servidor terminou com código {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/saude/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("o servidor não respondeu a tempo")


async def fetch(reader, writer, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html,application/json\r\n\r\n".encode())
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length, chunked, close = None, False, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            close = True
    if chunked:
        while size := int((await reader.readline()).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return -status if close else status


async def client(host: str, port: int, until: float, results: dict) -> None:
    urls = URLS[:]
    random.shuffle(urls)
    reader = writer = None
    index = 0
    while time.monotonic() < until:
        path = urls[index % len(urls)]
        index += 1
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            status = await asyncio.wait_for(fetch(reader, writer, path), 30)
            if status < 0:  # the server closes the connection: open another next time
                status = -status
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            status = 0
            if writer is not None:
                writer.close()
            writer = None
        results[path].append((time.perf_counter() - started, status))
    if writer is not None:
        writer.close()


async def load(port: int, clients: int, duration: float) -> tuple[dict, float]:
    results = {url: [] for url in URLS}
    started = time.monotonic()
    await asyncio.gather(*(client("127.0.0.1", port, started + duration, results) for _ in range(clients)))
    return results, time.monotonic() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] if ordered else float("nan")


def report(title: str, results: dict, elapsed: float) -> list[str]:
    lines = [title, f"{'URL':44} {'pedidos':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'erros':>6}"]
    everything = []
    for url, samples in results.items():
        times = [seconds * 1000 for seconds, _status in samples]
        errors = sum(1 for _seconds, status in samples if status != 200)
        everything += samples
        lines.append(f"{url:44} {len(samples):8} {len(samples) / elapsed:7.1f} {percentile(times, .5):8.0f} "
                     f"{percentile(times, .95):8.0f} {percentile(times, .99):8.0f} {errors:6}")
    times = [seconds * 1000 for seconds, _status in everything]
    errors = sum(1 for _seconds, status in everything if status != 200)
    lines.append(f"{'TODAS':44} {len(everything):8} {len(everything) / elapsed:7.1f} {percentile(times, .5):8.0f} "
                 f"{percentile(times, .95):8.0f} {percentile(times, .99):8.0f} {errors:6}")
    return lines


def measure(title: str, command: list[str], env: dict, port: int, args) -> list[str]:
    log = Path(env["PNETP_DATA_DIR"]) / f"server-{Path(command[1]).name}-{command[2]}.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process)
        for url in URLS:  # warm-up: one request each (fills the page cache where there is one)
            try:
                urllib.request.urlopen(base + url, timeout=120).read()
            except OSError as error:
                print(f"aquecimento: {url}: {error} (log do servidor: {log})", flush=True)
        results, elapsed = asyncio.run(load(port, args.clients, args.duration))
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    return report(title, results, elapsed)


def machine() -> str:
    load1, load5, _ = os.getloadavg()
    return (f"{platform.node()}: {os.cpu_count()} núcleos, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, carga média antes {load1:.1f}/{load5:.1f} (máquina compartilhada)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--port", type=int, default=8114)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--database-url", help="use this database as it is (already loaded)")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--data-dir", help="PNETP_DATA_DIR to use and keep (static files already collected)")
    parser.add_argument("--cache-url", default=os.environ.get("PNETP_CACHE_URL", "redis://127.0.0.1:6379/13"))
    args = parser.parse_args()

    scratch = None
    database_url = args.database_url
    if database_url is None:
        scratch = f"pnetp_load_{os.getpid()}"
        subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {scratch}"], check=True)
        database_url = f"postgres://postgres@127.0.0.1:5432/{scratch}"
    data_dir = Path(args.data_dir or f"/tmp/pnetp-load-{os.getpid()}")
    env = {**{k: v for k, v in os.environ.items() if k != "DEBUG"}, **ENV, "DATABASE_URL": database_url,
           "PNETP_DATA_DIR": str(data_dir), "PNETP_CACHE_URL": args.cache_url}
    lines = [machine(), f"{args.clients} clientes, {args.duration:.0f} s por servidor, {len(URLS)} URLs", ""]
    try:
        if scratch:
            prepare_database(env)
        serve = [PNETP, "serve", "--bind", f"127.0.0.1:{args.port}"]
        if args.workers:
            serve += ["--workers", str(args.workers)]
        lines += measure("pnetp serve (gunicorn, DEBUG desligado, cache de páginas públicas em Redis)",
                         serve, env, args.port, args)
        if not args.skip_baseline:
            baseline_env = {**env, "PNETP_PAGE_CACHE_SECONDS": "0"}
            lines += [""] + measure("linha de base: pnetp runserver (DEBUG desligado, sem cache de páginas)",
                                    [PNETP, "runserver", "--noreload", "--insecure", f"127.0.0.1:{args.port}"],
                                    baseline_env, args.port, args)
    finally:
        if scratch:
            subprocess.run(["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", f"DROP DATABASE IF EXISTS {scratch}"])
        if not args.data_dir:
            subprocess.run(["rm", "-rf", str(data_dir)])
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
