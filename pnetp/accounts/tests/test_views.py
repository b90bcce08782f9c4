import pytest
from django.urls import reverse

from pnetp.accounts.models import Role

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_login_with_password_goes_to_dashboard(client):
    make_user(Role.ANALYST, "ana")
    response = client.post(reverse("accounts:login"), {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("workspace:dashboard")


def test_login_honours_safe_next_only(client):
    make_user(Role.ANALYST, "ana")
    data = {"username": "ana", "password": PASSWORD}
    assert client.post(reverse("accounts:login") + "?next=/instituicoes/", data).url == "/instituicoes/"
    client.logout()
    assert client.post(reverse("accounts:login") + "?next=https://evil.example/", data).url == reverse(
        "workspace:dashboard"
    )


def test_wrong_password_shows_portuguese_error(client):
    make_user(Role.ANALYST, "ana")
    response = client.post(reverse("accounts:login"), {"username": "ana", "password": "errada"})
    assert response.status_code == 200
    assert "Por favor, entre com um usuário  e senha corretos" in response.content.decode()


def test_logout_needs_post(client):
    client.force_login(make_user(Role.ANALYST))
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("workspace:dashboard")).status_code == 302


def test_dashboard_for_coordination_links_admin_and_management(client):
    client.force_login(make_user(Role.COORDINATION))
    html = client.get(reverse("workspace:dashboard")).content.decode()
    assert "Coordenação nacional" in html
    assert reverse("admin:index") in html
    assert reverse("institutions:create") in html
    assert reverse("institutions:import") in html


def test_dashboard_for_focal_point_links_own_institution_only(client, institution):
    client.force_login(make_user(Role.FOCAL_POINT, institution=institution))
    html = client.get(reverse("workspace:dashboard")).content.decode()
    assert "Ponto focal de instituição" in html
    assert institution.get_absolute_url() in html
    assert reverse("admin:index") not in html
    assert reverse("institutions:create") not in html


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.ANALYST])
def test_dashboard_for_other_roles_has_no_management_links(client, role):
    client.force_login(make_user(role))
    html = client.get(reverse("workspace:dashboard")).content.decode()
    assert str(Role(role).label) in html
    assert reverse("admin:index") not in html
    assert reverse("institutions:import") not in html
