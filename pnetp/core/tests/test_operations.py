"""Health endpoint, request ids, security headers and the production system checks."""

import json
import logging
import os
import secrets
import subprocess
import sys

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from pnetp.core import logs

pytestmark = pytest.mark.django_db


def test_health_reports_each_check_as_json():
    response = Client().get("/saude/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["verificacoes"]) == {"banco_de_dados", "cache", "disco", "fila"}
    assert all(check["ok"] for check in body["verificacoes"].values())
    assert "no-cache" in response["Cache-Control"]


@override_settings(PNETP_HEALTH_MIN_FREE_BYTES=2**62)
def test_health_is_503_when_a_check_fails():
    response = Client().get("/saude/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "falha"
    assert body["verificacoes"]["disco"]["ok"] is False
    assert body["verificacoes"]["banco_de_dados"]["ok"] is True


def _queued(minutes_ago: float, status=TaskResultStatus.READY) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        task_path="pnetp.core.tasks.prune_finished_jobs",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=get_date_max(),
        status=status,
        started_at=timezone.now() if status == TaskResultStatus.RUNNING else None,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=timezone.now() - timedelta(minutes=minutes_ago))
    return row


@override_settings(PNETP_HEALTH_QUEUE_MAX_WAIT_MINUTES=5)
def test_health_queue_is_ok_while_jobs_wait_briefly():
    _queued(minutes_ago=1)
    body = Client().get("/saude/").json()
    assert body["verificacoes"]["fila"]["ok"] is True
    assert body["status"] == "ok"


@override_settings(PNETP_HEALTH_QUEUE_MAX_WAIT_MINUTES=5)
def test_health_is_503_when_jobs_wait_too_long_with_no_worker_running():
    _queued(minutes_ago=12)
    response = Client().get("/saude/")
    assert response.status_code == 503
    check = response.json()["verificacoes"]["fila"]
    assert check["ok"] is False
    assert "nenhuma em execução" in check["detalhe"]


@override_settings(PNETP_HEALTH_QUEUE_MAX_WAIT_MINUTES=5)
def test_health_queue_is_ok_when_a_long_wait_is_behind_a_running_job():
    _queued(minutes_ago=12)
    _queued(minutes_ago=13, status=TaskResultStatus.RUNNING)
    response = Client().get("/saude/")
    assert response.status_code == 200
    assert response.json()["verificacoes"]["fila"]["ok"] is True


def test_every_response_has_a_request_id_and_the_security_headers():
    client = Client()
    response = client.get("/acessibilidade/")
    assert len(response["X-Request-ID"]) == 32
    assert client.get("/acessibilidade/", HTTP_X_REQUEST_ID="proxy-id-12345")["X-Request-ID"] == "proxy-id-12345"
    injected = client.get("/acessibilidade/", HTTP_X_REQUEST_ID="x\nfake log line")["X-Request-ID"]
    assert "\n" not in injected and len(injected) == 32
    csp = response["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src "))
    assert script_src.split() == ["script-src", "'self'"]
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]


def test_json_log_lines_carry_the_request_id_and_no_traceback_for_a_refusal():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden: %s", ("/x/",), None)
    record.exc_info = (PermissionDenied, PermissionDenied("não"), None)
    token = logs.request_id_var.set("abc123")
    try:
        assert logs.RequestIdFilter().filter(record)
    finally:
        logs.request_id_var.reset(token)
    line = json.loads(logs.JsonFormatter().format(record))
    assert line["request_id"] == "abc123" and line["message"] == "Forbidden: /x/"
    assert "exception" not in line


def test_no_media_url_serves_uploaded_files():
    assert Client().get("/media/anything.pdf").status_code == 404


def _check_deploy(**env) -> subprocess.CompletedProcess:
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}  # nothing of pytest's
    return subprocess.run(
        [sys.executable, "-m", "pnetp.cli", "check", "--deploy"],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db(False)
def test_check_deploy_is_clean_with_the_documented_production_variables(tmp_path):
    """The variables of docs/deploy.md (deploy/pnetp.env.example), in a process outside pytest."""
    result = _check_deploy(
        SECRET_KEY=secrets.token_urlsafe(50),
        PNETP_FIELD_ENCRYPTION_KEY="H8ymRfYU4hpF2NI0ol3tjU2kBlC2koLwjz1FG1w_bVc=",
        ALLOWED_HOSTS="pnetp.exemplo.gov.br",
        CSRF_TRUSTED_ORIGINS="https://pnetp.exemplo.gov.br",
        PNETP_DATA_DIR=str(tmp_path),
        PNETP_CACHE_URL="redis://127.0.0.1:6379/1",
        PNETP_TRUSTED_PROXIES="127.0.0.1,::1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db(False)
def test_the_platform_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    result = _check_deploy(
        PNETP_DATA_DIR=str(tmp_path), PNETP_FIELD_ENCRYPTION_KEY="H8ymRfYU4hpF2NI0ol3tjU2kBlC2koLwjz1FG1w_bVc="
    )
    assert result.returncode == 1
    assert "core.E001" in result.stderr
