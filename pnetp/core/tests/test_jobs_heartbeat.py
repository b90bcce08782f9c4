"""The heartbeat thread: a locked database (SQLite's one writer) is an expected wait, not an error with a traceback."""

import logging
import threading

from django.db import OperationalError

from pnetp.core import jobs


def _beat_once(monkeypatch, beat):
    monkeypatch.setattr(jobs, "HEARTBEAT_THREAD", True)
    done = threading.Event()

    def once():
        try:
            beat()
        finally:
            done.set()

    alive = jobs.Heartbeat(once, 0.01, "teste-batimento")
    done.wait(5)
    alive.stop()
    alive.thread.join(5)
    assert not alive.thread.is_alive()


def _locked():
    raise OperationalError("database is locked")


def _broken():
    raise ValueError("defeito")


def test_a_locked_database_is_logged_as_a_postponed_beat_without_traceback(monkeypatch, caplog):
    with caplog.at_level(logging.INFO, logger="pnetp.core.jobs"):
        _beat_once(monkeypatch, _locked)
    records = [r for r in caplog.records if r.name == "pnetp.core.jobs"]
    assert records and all(r.levelno == logging.INFO and r.exc_info is None for r in records)
    assert "adiado" in records[0].getMessage()


def test_any_other_failure_is_a_warning_with_its_traceback(monkeypatch, caplog):
    with caplog.at_level(logging.INFO, logger="pnetp.core.jobs"):
        _beat_once(monkeypatch, _broken)
    records = [r for r in caplog.records if r.name == "pnetp.core.jobs"]
    assert records and records[0].levelno == logging.WARNING and records[0].exc_info is not None
