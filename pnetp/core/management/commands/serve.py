"""``pnetp serve --bind ADDR [--workers N]``: the production server (gunicorn), DEBUG off.

Before serving it collects the static files (compressed, hashed names, into PNETP_DATA_DIR/static) when they
were never collected (a deploy runs ``pnetp collectstatic``: minutes for ~8,000 files, too long for every
start) or with ``--collectstatic``, and runs the system checks with ``--deploy``: an error (no SECRET_KEY, no
encryption key, …) stops it. Then the
process becomes gunicorn's master (``exec``), so systemd supervises gunicorn itself. TLS ends at the reverse
proxy (docs/deploy.md), which forwards ``X-Forwarded-Proto`` and ``X-Forwarded-For``.
"""

import json
import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# One JSON line per request; the path without its query string (search terms stay out of the logs).
ACCESS_LOG_FORMAT = json.dumps(
    {
        "time": "%(t)s",
        "logger": "gunicorn.access",
        "remote": "%(h)s",
        "method": "%(m)s",
        "path": "%(U)s",
        "status": "%(s)s",
        "bytes": "%(B)s",
        "ms": "%(M)s",
        "request_id": "%({x-request-id}o)s",
    }
)
MAX_DEFAULT_WORKERS = 12
# Threads per worker: gunicorn's gthread workers keep connections alive (browsers, and nginx's upstream pool in
# deploy/nginx.conf), where sync workers close every connection after one request; on the public pages of the
# load benchmark (benchmarks/README.md) that is about 2–3 × the requests per second for the same CPU.
DEFAULT_THREADS = 4
# Seconds an idle kept-alive connection stays open: longer than nginx's upstream keepalive_timeout (60 s), so
# the proxy, not gunicorn, closes an idle connection (never one it is just reusing).
KEEP_ALIVE_SECONDS = 75


def default_workers() -> int:
    """Cores + 1, at most 12: public pages come from the cache (a hit is ~1–2 ms of CPU and waits on nothing
    but Redis), so more processes than cores only add switching; the one extra covers a page rendered afresh
    while it waits on the database. Measured on 2 cores: benchmarks/README.md (load_public_pages)."""
    return min((os.cpu_count() or 1) + 1, MAX_DEFAULT_WORKERS)


def gunicorn_argv(bind: str, workers: int, timeout: int, threads: int = DEFAULT_THREADS) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        settings.WSGI_APPLICATION.replace(".application", ":application"),
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(threads),  # more than 1: gunicorn's gthread workers (keep-alive connections)
        "--keep-alive",
        str(KEEP_ALIVE_SECONDS),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        "30",
        # The application is loaded once in the master and each worker forked from it: a worker restarted
        # (max-requests, a crash) serves at once instead of importing Django for seconds, when every worker would
        # reach max-requests together and none serve. New code needs a restart (docs/deploy.md), not a HUP.
        "--preload",
        # Bounds any slow leak; restarts spread out. A cached page is a fraction of a millisecond, so 2,000 requests
        # were a restart every few seconds under load, each costing CPU (measured: benchmarks/README.md).
        "--max-requests",
        "20000",
        "--max-requests-jitter",
        "10000",
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--error-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("PNETP_FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "--no-control-socket",  # systemd signals the master; no socket shared in the home folder
    ]


class Command(BaseCommand):
    help = "Serve a plataforma em produção (gunicorn, DEBUG desligado, atrás de um proxy TLS)."
    requires_system_checks = []  # run below, with --deploy

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=os.environ.get("PNETP_BIND", "127.0.0.1:8000"),
            help="endereço:porta (padrão 127.0.0.1:8000; ou unix:/caminho.sock)",
        )
        parser.add_argument(
            "--workers", type=int, default=None, help=f"processos (padrão núcleos + 1, no máximo {MAX_DEFAULT_WORKERS})"
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("PNETP_WEB_THREADS", str(DEFAULT_THREADS))),
            help=f"threads por processo (padrão PNETP_WEB_THREADS ou {DEFAULT_THREADS}; 1: workers "
            "sync, que fecham a conexão a cada pedido)",
        )
        parser.add_argument("--timeout", type=int, default=120, help="segundos antes de reiniciar um processo preso")
        parser.add_argument(
            "--collectstatic",
            action="store_true",
            help="copiar os arquivos estáticos mesmo se já foram copiados (feito em cada implantação)",
        )

    def handle(self, *args, bind, workers, threads, timeout, collectstatic, **options):
        if settings.DEBUG:
            raise CommandError("pnetp serve não roda com DEBUG ligado; use `pnetp runserver` para desenvolver.")
        workers = workers or default_workers()
        if workers < 1 or threads < 1:
            raise CommandError("--workers e --threads devem ser pelo menos 1.")
        if collectstatic or not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            self.stdout.write("pnetp: copiando os arquivos estáticos (collectstatic)…")
            call_command("collectstatic", interactive=False, verbosity=0)
        call_command("check", deploy=True, fail_level="ERROR")
        argv = gunicorn_argv(bind, workers, timeout, threads)
        self.stdout.write(f"pnetp: servindo em {bind} com {workers} processos × {threads} threads (gunicorn)")
        self.stdout.flush()
        os.execv(sys.executable, argv)
