"""SQLite as a real embedded database: public pages keep answering while a long write transaction runs.

The test database of the suite lives in memory; this test copies it into a file (the embedded default is a
file) and points its own threads at the file with the project's connection settings (WAL, busy timeout,
IMMEDIATE transactions): one thread holds a write transaction open for seconds, as an import does, while
others request public pages.
"""

import copy
import sqlite3
import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.test import Client

from pnetp.accounts.tests.factories import make_institution
from pnetp.core.tests.builders import build_plan

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="WAL and the busy timeout are SQLite's"),
]
PAGES = ["/", "/plano/iv-pnetp/", "/plano/iv-pnetp/1.1.1/", "/transparencia/", "/api/v1/plans/"]
WRITE_SECONDS = 3.0


def _use_file_database(path) -> None:
    """This thread's ``default`` connection: the file, with the project's options."""
    settings_dict = copy.deepcopy(connections.settings["default"])
    settings_dict["NAME"] = str(path)
    connections["default"] = DatabaseWrapper(settings_dict, "default")


def test_public_pages_answer_during_a_long_write_transaction(tmp_path):
    build_plan()
    path = tmp_path / "pnetp.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()

    writing, done = threading.Event(), threading.Event()
    errors, statuses, written = [], [], []

    def writer():
        _use_file_database(path)
        try:
            with transaction.atomic():
                with connections["default"].cursor() as cursor:  # more than SQLite's page cache, as an import
                    cursor.execute("CREATE TABLE filler (data BLOB)")
                    cursor.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 100_000,)] * 60)
                deadline = time.monotonic() + WRITE_SECONDS
                number = 0
                while time.monotonic() < deadline:
                    make_institution(acronym=f"INST{number}", name=f"Instituição de teste {number}")
                    number += 1
                    written.append(number)
                    writing.set()
                    time.sleep(0.01)
        except Exception as error:
            errors.append(f"writer: {error!r}")
        finally:
            writing.set()
            done.set()
            connections["default"].close()

    def reader():
        _use_file_database(path)
        client = Client(raise_request_exception=False)
        writing.wait(10)
        try:
            while not done.is_set():
                for page in PAGES:
                    statuses.append((page, client.get(page).status_code))
        except Exception as error:
            errors.append(f"reader: {error!r}")
        finally:
            connections["default"].close()

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert not errors
    assert len(statuses) >= len(PAGES)
    assert {status for _page, status in statuses} == {200}, [s for s in statuses if s[1] != 200][:5]
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert check.execute("SELECT count(*) FROM institutions_institution").fetchone()[0] == len(written) > 0
