"""`pnetp serve`: the gunicorn command line it becomes, and its default size."""

import pytest

from pnetp.core.management.commands import serve


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_the_application_is_loaded_once_and_workers_are_forked_from_it():
    """A worker restarted after --max-requests serves at once; restarts are spread out."""
    argv = serve.gunicorn_argv("127.0.0.1:8000", 3, 120)
    assert "--preload" in argv
    assert option(argv, "--workers") == "3"
    assert int(option(argv, "--max-requests-jitter")) >= int(option(argv, "--max-requests")) // 2


def test_threads_are_passed_to_gunicorn():
    assert option(serve.gunicorn_argv("127.0.0.1:8000", 2, 120, threads=4), "--threads") == "4"


@pytest.mark.parametrize(("cores", "expected"), [(1, 2), (2, 3), (8, 9), (64, serve.MAX_DEFAULT_WORKERS)])
def test_default_workers_are_cores_plus_one_at_most_twelve(monkeypatch, cores, expected):
    monkeypatch.setattr(serve.os, "cpu_count", lambda: cores)
    assert serve.default_workers() == expected


def test_connections_are_kept_alive_longer_than_the_proxy_keeps_them_idle():
    """gthread workers by default (keep-alive); the proxy closes an idle upstream connection before gunicorn."""
    from pathlib import Path

    argv = serve.gunicorn_argv("127.0.0.1:8000", 3, 120)
    assert int(option(argv, "--threads")) > 1
    nginx = (Path(__file__).resolve().parents[3] / "deploy" / "nginx.conf").read_text()
    assert "keepalive_timeout 60s;" in nginx and 'proxy_set_header Connection "";' in nginx
    assert int(option(argv, "--keep-alive")) > 60
