"""Fixtures for every app's tests, registered once for the whole session.

- ``territory`` (``pnetp.territory.testing``): the IBGE UFs and municipalities and the ISO countries;
- ``browser``, ``page``, ``assert_accessible`` (``pnetp.core.testing.browser``): Debian's Chromium
  driven by Playwright, and axe-core;
- ``log_audit`` (``pnetp.core.testing.log_audit``): every log line of the session, checked at its end for
  personal data (CPFs, identity values the tests encrypted or decrypted).
"""

import pytest

pytest_plugins = ["pnetp.territory.testing", "pnetp.core.testing.browser", "pnetp.core.testing.log_audit"]


@pytest.fixture(autouse=True)
def second_factor_enforcement(request, settings):
    """The redirect to second-factor enrolment (pnetp.accounts.middleware) is on in production and off in
    tests, except those marked ``second_factor``: the other apps' tests sign the coordination in with
    ``force_login`` and test their own pages. Identity reads still require a strong sign-in everywhere."""
    settings.PNETP_SECOND_FACTOR_REQUIRED = request.node.get_closest_marker("second_factor") is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each run of a module's tests, those using a ``shared_*`` fixture (pnetp/core/tests/shared_data.py) go last.

    A module-scoped fixture stays set up until its module ends, so a test that expects an empty database must
    run before the first test that builds the shared data. Runs after pytest-django's ordering (database tests,
    then transactional ones, then the rest) and keeps it: only neighbours from the same module move.
    """
    start = 0
    while start < len(items):
        end = start
        while end < len(items) and getattr(items[end], "module", None) is getattr(items[start], "module", None):
            end += 1
        items[start:end] = sorted(
            items[start:end], key=lambda item: any(name.startswith("shared_") for name in item.fixturenames)
        )
        start = end
