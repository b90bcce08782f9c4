"""The ``territory`` fixture: countries, the 27 UFs and the 5,571 municipalities in the test database.

Loading takes about a second, so it happens once per test session, committed beside the per-test
transactions, and only when a test asks for it. Outlines are skipped (tests that need them load them).
Registered for every app in the root conftest.py.
"""

import pytest


@pytest.fixture(scope="session")
def territory_session(django_db_setup, django_db_blocker):
    from pnetp.territory.loader import load_territory

    with django_db_blocker.unblock():
        load_territory(boundaries=False)


@pytest.fixture
def territory(territory_session, db):
    from pnetp.territory.loader import load_territory
    from pnetp.territory.models import Municipality

    # Transactional tests (live server, browser) flush every table when they end: load again if so.
    if not Municipality.objects.filter(pk=5101837).exists():
        load_territory(boundaries=False)
