"""Browser fixtures of the core tests (Debian's Chromium, axe-core), plus signing in through the login page."""

import pytest


PASSWORD = "senha-de-teste-123"


@pytest.fixture
def stage(live_server, world, settings, tmp_path):
    """The ``world`` of the monitoring tests on a live server, with passwords to sign in."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for user in vars(world.users).values():
        user.set_password(PASSWORD)
        user.save()
    world.url = live_server.url
    return world
