"""User management by the coordination outside the admin (issue 12): invite by e-mail with a set-password
link, role and institution, deactivate (never delete) with history; other roles are refused."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from pnetp.accounts.models import Role, User

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination(client):
    user = make_user(Role.COORDINATION, "coord")
    client.force_login(user)
    return user


def test_invite_sends_a_set_password_link_and_records_who_invited(client, coordination, institution):
    response = client.post(
        reverse("accounts:user-invite"),
        {
            "username": "paula",
            "first_name": "Paula",
            "last_name": "Fictícia",
            "email": "paula@exemplo.gov.br",
            "role": Role.FOCAL_POINT,
            "institution": institution.pk,
            "cpf": "529.982.247-25",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    invited = User.objects.get(username="paula")
    assert not invited.has_usable_password() and invited.cpf == "52998224725" and invited.institution == institution
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["paula@exemplo.gov.br"]
    assert "convite" in mail.outbox[0].subject
    link = re.search(r"https?://testserver(/conta/senha/nova/\S+)", mail.outbox[0].body).group(1)
    browser = Client()
    form_page = browser.get(link, follow=True)
    browser.post(
        form_page.redirect_chain[-1][0], {"new_password1": "senha-nova-boa-987", "new_password2": "senha-nova-boa-987"}
    )
    assert (
        browser.post(reverse("accounts:login"), {"username": "paula", "password": "senha-nova-boa-987"}).status_code
        == 302
    )
    assert invited.history.earliest().history_user == coordination


def test_role_change_and_deactivation_with_history_never_delete(client, coordination, institution):
    person = make_user(Role.ANALYST, "ana")
    other = Client()
    other.post(reverse("accounts:login"), {"username": "ana", "password": PASSWORD})
    url = reverse("accounts:user", args=[person.pk])
    client.post(url, {"role": Role.FOCAL_POINT, "institution": institution.pk})
    person.refresh_from_db()
    assert person.role == Role.FOCAL_POINT and person.institution == institution
    client.post(reverse("accounts:user-set-active", args=[person.pk]), {"ativo": "0"})
    person.refresh_from_db()
    assert not person.is_active and User.objects.filter(pk=person.pk).exists()
    assert other.get(reverse("workspace:dashboard")).status_code == 302  # the open session ended
    page = client.get(url).content.decode()
    assert "desativada" in page and "Ponto focal de instituição" in page and "coord" in page
    assert {h.history_user for h in person.history.all()} >= {coordination}


def test_nobody_changes_their_own_role_or_deactivates_themselves(client, coordination):
    client.post(reverse("accounts:user", args=[coordination.pk]), {"role": Role.ANALYST, "institution": ""})
    client.post(reverse("accounts:user-set-active", args=[coordination.pk]), {"ativo": "0"})
    coordination.refresh_from_db()
    assert coordination.role == Role.COORDINATION and coordination.is_active


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.COMMITTEE_MEMBER, Role.ANALYST])
def test_only_the_coordination_manages_users(client, role):
    person = make_user(Role.ANALYST, "alvo")
    client.force_login(make_user(role, f"quem-{role}"))
    for url in [reverse("accounts:users"), reverse("accounts:user-invite"), reverse("accounts:user", args=[person.pk])]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("accounts:user-set-active", args=[person.pk]), {"ativo": "0"}).status_code == 403
    person.refresh_from_db()
    assert person.is_active
