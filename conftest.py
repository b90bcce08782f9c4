"""Fixtures for every app's tests. ``territory``: the IBGE UFs and municipalities and the ISO countries."""

from pnetp.territory.tests.conftest import territory, territory_session  # noqa: F401 (fixtures)
