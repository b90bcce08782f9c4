"""Repeated failed sign-ins lock the user/address pair (django-axes), with a Portuguese page."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse

from pnetp.accounts.models import Role

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="203.0.113.5"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password},
                       REMOTE_ADDR=address)


def fail(client, username, times, address="203.0.113.5"):
    """``times`` failed attempts; the one that reaches the limit already answers with the lockout page."""
    for attempt in range(1, times + 1):
        expected = 429 if attempt >= client_limit() else 200
        assert sign_in(client, username, "errada", address).status_code == expected


def client_limit():
    from django.conf import settings

    return settings.AXES_FAILURE_LIMIT


def test_right_password_refused_after_the_limit(client, settings):
    make_user(Role.ANALYST, "ana")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT)  # the limit-th failure already locks
    response = sign_in(client, "ana", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Acesso bloqueado temporariamente" in page and "15 minutos" in page
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username="ana", ip_address="203.0.113.5").count() >= settings.AXES_FAILURE_LIMIT


def test_failures_below_the_limit_do_not_lock_and_success_resets(client, settings):
    make_user(Role.ANALYST, "ana")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "ana", PASSWORD).status_code == 302
    client.logout()
    assert not AccessAttempt.objects.filter(username="ana").exists()  # reset on success
    fail(client, "ana", settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(client, "ana", PASSWORD).status_code == 302


def test_lock_holds_only_for_that_user_and_address(client, settings):
    make_user(Role.ANALYST, "ana")
    make_user(Role.ANALYST, "bia")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "ana", PASSWORD).status_code == 429
    assert sign_in(client, "bia", PASSWORD).status_code == 302  # a colleague behind the same address
    client.logout()
    assert sign_in(client, "ana", PASSWORD, address="198.51.100.7").status_code == 302


def test_lock_expires_after_the_cool_off(client, settings):
    make_user(Role.ANALYST, "ana")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT)
    assert sign_in(client, "ana", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME)
    assert sign_in(client, "ana", PASSWORD).status_code == 302
