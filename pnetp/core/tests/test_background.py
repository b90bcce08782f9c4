"""``core.background.in_background``: inline when asked, otherwise a named thread whose own database
connection is closed when the work ends (a thread never sees the end of a request)."""

import threading

import pytest
from django.db import connection, connections

from pnetp.core.background import in_background


def test_inline_runs_now_in_this_thread():
    seen = []
    assert in_background(lambda a, b=0: seen.append((a, b, threading.current_thread())), 1, b=2, name="x",
                         inline=True) is None
    assert seen == [(1, 2, threading.current_thread())]


@pytest.mark.django_db(transaction=True)
def test_thread_has_its_own_connection_and_closes_it():
    seen = {}

    def work(value):
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s", [value])
            seen["row"] = cursor.fetchone()[0]
        seen["connection"] = connections["default"]
        seen["name"] = threading.current_thread().name

    thread = in_background(work, 7, name="pnetp-teste")
    thread.join(10)
    assert seen["row"] == 7 and seen["name"] == "pnetp-teste"
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return  # Django shares the in-memory test database's one connection with threads and never closes it
    assert seen["connection"] is not connections["default"] and seen["connection"].connection is None  # closed
