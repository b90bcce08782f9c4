import pytest

from pnetp.monitoring.tests.conftest import world  # noqa: F401  (fixture)

from .scenario import populate


@pytest.fixture
def public(world):  # noqa: F811
    """The world of the monitoring tests, published, with reports in every state (see scenario.py)."""
    world.extra = populate(world)
    return world
