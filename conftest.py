"""Fixtures for every app's tests, registered once for the whole session.

- ``territory`` (``pnetp.territory.testing``): the IBGE UFs and municipalities and the ISO countries;
- ``browser``, ``page``, ``assert_accessible`` (``pnetp.core.testing.browser``): Debian's Chromium
  driven by Playwright, and axe-core.
"""

pytest_plugins = ["pnetp.territory.testing", "pnetp.core.testing.browser"]
