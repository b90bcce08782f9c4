"""`pnetp serve`: the gunicorn command line it becomes, and its default size."""

import pytest

from pnetp.core.management.commands import serve


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_the_application_is_loaded_once_and_workers_are_forked_from_it():
    """A worker restarted after --max-requests serves at once; restarts are spread out."""
    argv = serve.gunicorn_argv("127.0.0.1:8000", 3, 120)
    assert "--preload" in argv
    assert option(argv, "--workers") == "3" and option(argv, "--threads") == "1"
    assert int(option(argv, "--max-requests-jitter")) >= int(option(argv, "--max-requests")) // 2


def test_threads_are_passed_to_gunicorn():
    assert option(serve.gunicorn_argv("127.0.0.1:8000", 2, 120, threads=4), "--threads") == "4"


@pytest.mark.parametrize(("cores", "expected"), [(1, 2), (2, 3), (8, 9), (64, serve.MAX_DEFAULT_WORKERS)])
def test_default_workers_are_cores_plus_one_at_most_twelve(monkeypatch, cores, expected):
    monkeypatch.setattr(serve.os, "cpu_count", lambda: cores)
    assert serve.default_workers() == expected
