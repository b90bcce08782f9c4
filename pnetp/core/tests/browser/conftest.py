"""The core browser tests' live site; the Playwright fixtures come from ``pnetp.core.testing.browser``."""

import pytest

from pnetp.core.tests.builders import build_plan


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """Base URL of a live server holding the national plan (5 axes, 26 actions, 108 activities)."""
    build_plan()
    return live_server.url
