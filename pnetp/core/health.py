"""``/saude/``: is this server able to serve? Database, cache and free disk, as JSON (200 or 503).

For the load balancer and monitoring; it shows no data and needs no login. ``CHECKS`` is the list of
checks run in order. The queue check fails when jobs have waited longer than
``PNETP_HEALTH_QUEUE_MAX_WAIT_MINUTES`` with none running: no worker is taking them.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

MIN_FREE_BYTES = 500 * 1024 * 1024
QUEUE_MAX_WAIT_MINUTES = 5.0  # a live worker enqueues and runs its sweep every minute


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    value = uuid.uuid4().hex
    key = f"pnetp:health:{value}"  # one key per check: concurrent checks cannot see each other's value
    cache.set(key, value, 30)
    try:
        if cache.get(key) != value:
            raise RuntimeError("o cache não devolveu o valor gravado")
    finally:
        cache.delete(key)
    return "ok"


def check_disk() -> str:
    free = shutil.disk_usage(settings.DATA_DIR).free
    minimum = getattr(settings, "PNETP_HEALTH_MIN_FREE_BYTES", MIN_FREE_BYTES)
    if free < minimum:
        raise RuntimeError(f"pouco espaço livre em disco: {free // 2**20} MiB")
    return f"{free // 2**20} MiB livres"


def check_queue() -> str:
    """Jobs waiting for longer than the limit while none runs: the workers are dead, stuck or missing."""
    now = timezone.now()
    ready = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    running = DBTaskResult.objects.running().count()
    last = DBTaskResult.objects.aggregate(started=Max("started_at"))["started"]
    waited = (now - ready).total_seconds() if ready else 0.0
    limit = getattr(settings, "PNETP_HEALTH_QUEUE_MAX_WAIT_MINUTES", QUEUE_MAX_WAIT_MINUTES) * 60
    activity = f"última tarefa iniciada há {int((now - last).total_seconds())} s" if last else "nenhuma tarefa iniciada"
    if waited > limit and not running:
        raise RuntimeError(f"tarefa à espera há {int(waited)} s e nenhuma em execução ({activity})")
    return f"{running} em execução; espera máxima {int(waited)} s; {activity}"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("banco_de_dados", check_database),
    ("cache", check_cache),
    ("disco", check_disk),
    ("fila", check_queue),
]


def run_checks() -> tuple[bool, dict[str, dict]]:
    results, healthy = {}, True
    for name, check in CHECKS:
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as error:  # any failure is a failed check; its message, never a traceback
            detail, ok = f"{type(error).__name__}: {error}", False
        healthy &= ok
        results[name] = {"ok": ok, "detalhe": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return healthy, results


@never_cache
def health(request):
    healthy, results = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "falha", "verificacoes": results},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
