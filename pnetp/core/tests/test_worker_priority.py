"""`pnetp worker` runs at a lower CPU priority than the web server (``PNETP_WORKER_NICE``, ``--nice``)."""

import os
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from pnetp.core.management.commands import worker


def in_a_child(function, *args) -> str:
    """``function(*args)`` in a forked process (a niceness never goes back down); its result or error as text."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no database, no pytest; always leaves through os._exit
        try:
            os.close(read)
            try:
                outcome = repr(function(*args))
            except CommandError as error:
                outcome = f"CommandError: {error}"
            os.write(write, outcome.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as stream:
        outcome = stream.read()
    os.waitpid(pid, 0)
    return outcome


def niceness_after(at_least: int, start: int = 0) -> str:
    def run():
        os.nice(start)
        return worker.lower_priority(at_least), os.nice(0)

    return in_a_child(run)


def test_a_worker_becomes_at_least_as_nice_as_asked():
    base = os.nice(0)
    assert niceness_after(base + 7) == repr((base + 7, base + 7))


def test_a_worker_already_nicer_is_left_as_it_is():
    """systemd's Nice= (or `nice -n 15 pnetp worker`) wins over a smaller setting."""
    base = os.nice(0)
    assert niceness_after(base + 3, start=5) == repr((base + 5, base + 5))


@pytest.mark.parametrize("value", [-1, 20])
def test_a_niceness_out_of_range_is_refused(value):
    assert in_a_child(worker.lower_priority, value) == "CommandError: --nice deve estar entre 0 e 19."


@pytest.mark.parametrize(("argv", "expected"), [([], 13), (["--nice", "4"], 4)])
def test_the_command_lowers_its_priority_from_the_setting_or_the_option(monkeypatch, argv, expected):
    asked = []
    monkeypatch.setattr(worker, "lower_priority", lambda value: asked.append(value) or value)
    with override_settings(PNETP_WORKER_NICE=13), pytest.raises(CommandError, match="fila configurada"):
        call_command("worker", "--uma-vez", *argv)  # tests run jobs where they are enqueued: no queue to serve
    assert asked == [expected]


class FakeConnection:
    """A database connection whose backend is ``pid`` (``SELECT pg_backend_pid()``)."""

    vendor = "postgresql"

    def __init__(self, pid: int, host: str = "127.0.0.1"):
        self.pid, self.settings_dict = pid, {"HOST": host}

    def cursor(self):
        connection = self

        class Cursor:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def execute(self, sql):
                assert sql == "SELECT pg_backend_pid()"

            def fetchone(self):
                return (connection.pid,)

        return Cursor()


@pytest.fixture
def process():
    """A process of this user standing for a PostgreSQL backend (its command line starts with "postgres")."""
    import subprocess

    def start(name="postgres: pnetp pnetp 127.0.0.1(5432) idle"):
        child = subprocess.Popen([name, "60"], executable="/bin/sleep")
        started.append(child)
        cmdline = Path(f"/proc/{child.pid}/cmdline")
        deadline = time.monotonic() + 10
        while not cmdline.read_bytes().startswith(name.encode()) and time.monotonic() < deadline:
            time.sleep(0.01)  # until the child shows its own command line (the exec is done)
        return child.pid

    started = []
    yield start
    for child in started:
        child.kill()
        child.wait()


def test_the_workers_postgresql_backend_on_this_machine_is_reniced(process):
    """An import's writes run in the worker's backend: at the worker's niceness, not PostgreSQL's."""
    pid = process()
    assert worker.renice_backend(FakeConnection(pid), 17)
    assert os.getpriority(os.PRIO_PROCESS, pid) == 17
    assert worker.renice_backend(FakeConnection(pid), 5)  # never made less nice
    assert os.getpriority(os.PRIO_PROCESS, pid) == 17


@pytest.mark.parametrize("host", ["db.example.org", "10.0.0.5"])
def test_a_backend_on_another_machine_is_left_alone(process, host):
    pid = process()
    assert not worker.renice_backend(FakeConnection(pid, host), 17)
    assert os.getpriority(os.PRIO_PROCESS, pid) == os.getpriority(os.PRIO_PROCESS, 0)


def test_a_local_process_that_is_not_postgresql_is_left_alone(process):
    """The database's host may be a container's address: its backend pid is no process of this machine's."""
    pid = process("sleep")
    assert not worker.renice_backend(FakeConnection(pid), 17)
    assert os.getpriority(os.PRIO_PROCESS, pid) == os.getpriority(os.PRIO_PROCESS, 0)
