"""Accounts people expect (issue 12): password reset by e-mail and change, the profile page, sign out of
every device, a working-day session that ends with the browser for staff."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from pnetp.accounts.models import Role

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_password_reset_by_email_in_portuguese(client):
    user = make_user(Role.ANALYST, "ana")
    user.email = "ana@exemplo.gov.br"
    user.save()
    response = client.post(reverse("accounts:password-reset"), {"email": "ana@exemplo.gov.br"})
    assert response.status_code == 302
    unknown = client.post(reverse("accounts:password-reset"), {"email": "ninguem@exemplo.gov.br"})
    assert unknown.url == response.url  # the same answer: no way to learn which e-mails exist
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "PNETP: criar nova senha"
    link = re.search(r"https?://testserver(/conta/senha/nova/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Criar nova senha" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "outra-senha-boa-987", "new_password2": "outra-senha-boa-987"},
    )
    assert done.status_code == 302
    assert sign_in(Client(), "ana", "outra-senha-boa-987").status_code == 302
    assert "não vale mais" in client.get(link, follow=True).content.decode()  # used once


def test_password_change_keeps_this_session_and_ends_the_others(client):
    make_user(Role.ANALYST, "ana")
    other = Client()
    sign_in(other, "ana")
    sign_in(client, "ana")
    response = client.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": "outra-senha-boa-987", "new_password2": "outra-senha-boa-987"},
    )
    assert response.status_code == 302
    assert client.get(reverse("workspace:dashboard")).status_code == 200
    assert other.get(reverse("workspace:dashboard")).status_code == 302  # signed out elsewhere


def test_sign_out_everywhere_keeps_only_this_session(client):
    make_user(Role.ANALYST, "ana")
    phone = Client()
    sign_in(phone, "ana")
    sign_in(client, "ana")
    assert phone.get(reverse("workspace:dashboard")).status_code == 200
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Sair de todos os dispositivos" in page
    client.post(reverse("accounts:sign-out-everywhere"))
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert phone.get(reverse("workspace:dashboard")).status_code == 302


def test_profile_edits_own_name_and_email_only(client):
    user = make_user(Role.FOCAL_POINT, "pf")
    sign_in(client, "pf")
    client.post(
        reverse("accounts:profile"),
        {"first_name": "Paula", "last_name": "Fictícia", "email": "paula@exemplo.gov.br", "role": Role.COORDINATION},
    )
    user.refresh_from_db()
    assert (user.first_name, user.email, user.role) == ("Paula", "paula@exemplo.gov.br", Role.FOCAL_POINT)


def test_session_lasts_a_working_day_and_staff_sessions_end_with_the_browser(client, settings):
    assert settings.SESSION_COOKIE_AGE == 9 * 3600
    make_user(Role.ANALYST, "ana")
    sign_in(client, "ana")
    assert client.session.get_expire_at_browser_close() is False
    coordination = Client()
    make_user(Role.COORDINATION, "coord")
    sign_in(coordination, "coord")
    assert coordination.session.get_expire_at_browser_close() is True
    cookie = coordination.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]


@pytest.mark.parametrize("name", ["accounts:profile", "accounts:password-change", "accounts:second-factor"])
def test_account_pages_need_a_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
