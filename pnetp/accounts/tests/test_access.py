"""Every page of accounts and institutions, for every role: 200, 302 to a login page, or 403."""

import pytest
from django.urls import reverse

from pnetp.accounts.models import Role

from .factories import ROLES, make_user

pytestmark = pytest.mark.django_db

OK, LOGIN, ADMIN_LOGIN, FORBIDDEN = "200", "login", "admin-login", "403"
COORD = Role.COORDINATION

# page → expected outcome per role; roles not listed get ``default``.
PAGES = {
    "institutions:list": {"default": OK},
    "institutions:detail": {"default": OK},
    "institutions:create": {"anonymous": LOGIN, COORD: OK, "default": FORBIDDEN},
    "institutions:update": {"anonymous": LOGIN, COORD: OK, "default": FORBIDDEN},
    "institutions:import": {"anonymous": LOGIN, COORD: OK, "default": FORBIDDEN},
    "workspace:dashboard": {"anonymous": LOGIN, "default": OK},
    "accounts:login": {"default": OK},
    # Django's admin sends everyone but staff to its own login page rather than answering 403.
    "admin:index": {COORD: OK, "default": ADMIN_LOGIN},
    "admin:institutions_institution_change": {COORD: OK, "default": ADMIN_LOGIN},
    "admin:institutions_institution_history": {COORD: OK, "default": ADMIN_LOGIN},
    "admin:accounts_user_changelist": {COORD: OK, "default": ADMIN_LOGIN},
}
NEEDS_PK = {
    "institutions:detail",
    "institutions:update",
    "admin:institutions_institution_change",
    "admin:institutions_institution_history",
}


def client_for(client, role):
    if role != "anonymous":
        client.force_login(make_user(role))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_page_access(client, institution, role, page):
    url = reverse(page, args=[institution.pk] if page in NEEDS_PK else [])
    expected = PAGES[page].get(role, PAGES[page]["default"])
    if page == "accounts:login" and role != "anonymous":
        expected = "dashboard"  # signed-in users are sent on to their dashboard

    response = client_for(client, role).get(url)

    if expected == OK:
        assert response.status_code == 200
    elif expected == FORBIDDEN:
        assert response.status_code == 403
    elif expected == "dashboard":
        assert response.status_code == 302 and response.url == reverse("workspace:dashboard")
    else:
        login = reverse("accounts:login" if expected == LOGIN else "admin:login")
        assert response.status_code == 302
        assert response.url.startswith(f"{login}?next=")


@pytest.mark.parametrize("role", [Role.FOCAL_POINT, Role.COMMITTEE_MEMBER, Role.ANALYST])
def test_posts_are_refused_too(client, institution, role):
    client_for(client, role)
    data = {"acronym": "X", "name": "Tentativa", "kind": "federal", "active": "on"}
    assert client.post(reverse("institutions:update", args=[institution.pk]), data).status_code == 403
    assert client.post(reverse("institutions:create"), data).status_code == 403
    institution.refresh_from_db()
    assert institution.acronym == "MJSP"
    assert not institution.__class__.objects.filter(acronym="X").exists()


def test_anonymous_post_is_sent_to_login(client, institution):
    response = client.post(reverse("institutions:create"), {"acronym": "X"})
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_focal_point_cannot_use_admin_even_if_flagged_staff(client, institution):
    # is_staff drifting from the role must not open the models: permissions come from the role.
    user = make_user(Role.FOCAL_POINT)
    user.is_staff = True
    user.save()
    client.force_login(user)
    response = client.get(reverse("admin:institutions_institution_change", args=[institution.pk]))
    assert response.status_code == 403
