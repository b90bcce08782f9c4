"""Repeated failed sign-ins lock the user/address pair (django-axes), with a Portuguese page."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse

from pnetp.accounts.models import Role

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sign_in(client, username, password, address="203.0.113.5"):
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="203.0.113.5"):
    """``times`` failed attempts; the one that reaches the limit already answers with the lockout page."""
    for attempt in range(1, times + 1):
        expected = 429 if attempt >= client_limit() else 200
        assert sign_in(client, username, "errada", address).status_code == expected


def client_limit():
    from django.conf import settings

    return settings.AXES_FAILURE_LIMIT_PER_USER


def test_right_password_refused_after_the_limit(client, settings):
    make_user(Role.ANALYST, "ana")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT_PER_USER)  # the limit-th failure already locks
    response = sign_in(client, "ana", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Acesso bloqueado temporariamente" in page and "15 minutos" in page
    assert "_auth_user_id" not in client.session
    assert (
        AccessFailureLog.objects.filter(username="ana", ip_address="203.0.113.5").count()
        >= settings.AXES_FAILURE_LIMIT_PER_USER
    )


def test_failures_below_the_limit_do_not_lock_and_success_resets(client, settings):
    make_user(Role.ANALYST, "ana")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT_PER_USER - 1)
    assert sign_in(client, "ana", PASSWORD).status_code == 302
    client.logout()
    assert not AccessAttempt.objects.filter(username="ana").exists()  # reset on success
    fail(client, "ana", settings.AXES_FAILURE_LIMIT_PER_USER - 1)
    assert sign_in(client, "ana", PASSWORD).status_code == 302


def test_lock_holds_only_for_that_user_and_address(client, settings):
    make_user(Role.ANALYST, "ana")
    make_user(Role.ANALYST, "bia")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT_PER_USER)
    assert sign_in(client, "ana", PASSWORD).status_code == 429
    assert sign_in(client, "bia", PASSWORD).status_code == 302  # a colleague behind the same address
    client.logout()
    assert sign_in(client, "ana", PASSWORD, address="198.51.100.7").status_code == 302


def test_lock_expires_after_the_cool_off(client, settings):
    make_user(Role.ANALYST, "ana")
    fail(client, "ana", settings.AXES_FAILURE_LIMIT_PER_USER)
    assert sign_in(client, "ana", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME)
    assert sign_in(client, "ana", PASSWORD).status_code == 302


def test_spraying_usernames_from_one_address_locks_the_address(client, settings):
    # Issue 12: 20 usernames from one address were all checked. Now the address locks, whatever the names.
    make_user(Role.ANALYST, "ana")
    statuses = [sign_in(client, f"pessoa{n}", "errada").status_code for n in range(20)]
    limit = settings.PNETP_LOGIN_ADDRESS_FAILURE_LIMIT
    assert statuses[:limit] == [200] * limit and set(statuses[limit:]) == {429}
    assert sign_in(client, "ana", PASSWORD).status_code == 429  # even the right password, from that address
    assert sign_in(client, "ana", PASSWORD, address="198.51.100.7").status_code == 302  # elsewhere, fine


def test_a_successful_sign_in_does_not_clear_the_address_count(client, settings):
    make_user(Role.ANALYST, "ana")
    for n in range(settings.PNETP_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        sign_in(client, f"pessoa{n}", "errada")
    assert sign_in(client, "ana", PASSWORD).status_code == 302
    client.logout()
    sign_in(client, "outra", "errada")
    assert sign_in(client, "ana", PASSWORD).status_code == 429


def test_forwarded_address_only_from_a_trusted_proxy(client, settings):
    settings.PNETP_TRUSTED_PROXIES = ["10.0.0.0/8"]
    make_user(Role.ANALYST, "ana")
    behind = {"address": "10.1.2.3"}

    def via_proxy(username, password, client_address):
        return client.post(
            reverse("accounts:login"),
            {"username": username, "password": password},
            REMOTE_ADDR=behind["address"],
            HTTP_X_FORWARDED_FOR=f"{client_address}, 10.9.9.9",
        )

    for _ in range(settings.AXES_FAILURE_LIMIT_PER_USER):
        via_proxy("ana", "errada", "203.0.113.5")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.5"  # the client, not the proxy
    assert via_proxy("ana", PASSWORD, "203.0.113.5").status_code == 429
    assert via_proxy("ana", PASSWORD, "198.51.100.7").status_code == 302  # another client behind the same proxy
    client.logout()
    # Not from a trusted proxy: a forged X-Forwarded-For is ignored, the peer address counts.
    forged = client.post(
        reverse("accounts:login"),
        {"username": "ana", "password": "errada"},
        REMOTE_ADDR="192.0.2.44",
        HTTP_X_FORWARDED_FOR="198.51.100.99",
    )
    assert forged.status_code == 200
    assert AccessFailureLog.objects.filter(ip_address="192.0.2.44").exists()
    assert not AccessFailureLog.objects.filter(ip_address="198.51.100.99").exists()


def test_known_and_unknown_users_get_the_same_answer_and_the_same_work(client, monkeypatch):
    # Timing: Django hashes the password for an unknown username too; count the hashing work, not seconds.
    from django.contrib.auth.hashers import MD5PasswordHasher

    make_user(Role.ANALYST, "ana")
    calls = []
    original = MD5PasswordHasher.encode
    monkeypatch.setattr(MD5PasswordHasher, "encode", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))

    def attempt(username):
        calls.clear()
        response = sign_in(client, username, "errada", address="192.0.2.10")
        return response.status_code, response.context["form"].non_field_errors(), len(calls)

    known, unknown = attempt("ana"), attempt("ninguem")
    assert known == unknown and known[2] == 1 and known[0] == 200
