"""Test data built once per module and rolled back after it, as Django's ``TestCase.setUpTestData`` does.

``shared(build)`` makes a module-scoped fixture: ``build(folder)`` (``folder``: a temporary directory kept for
the module, for uploads) runs inside a transaction left open for the
module; each test's ``db`` transaction nests in it as a savepoint, so a test's writes are undone before
the next test and the shared rows are undone at the end of the module. ``fresh(value)`` deep-copies the
built objects per test, so a test that changes an instance in memory does not leak it either.
Only for non-transactional tests: a ``transactional_db`` or live-server test cannot run inside the open
transaction.
"""

import copy

import pytest
from django.db import transaction


def shared(build):
    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker, tmp_path_factory):
        folder = tmp_path_factory.mktemp("shared")
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                value = build(folder)
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        yield value
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    return fixture


def fresh(value):
    return copy.deepcopy(value)
