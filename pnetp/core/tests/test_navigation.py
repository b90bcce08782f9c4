"""The main menu shows each role every page it may open, and every link it shows opens (role × URL)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from pnetp.accounts.models import Role
from pnetp.accounts.tests.factories import make_institution, make_user
from pnetp.institutions.models import Institution
from pnetp.navigation import menu_for
from pnetp.sisetp.models import DataSource

ROLES = ["anonymous", Role.COORDINATION, Role.FOCAL_POINT, Role.COMMITTEE_MEMBER, Role.ANALYST]

# Pages a role must find in the menu, and pages it must not.
MUST = {
    Role.COORDINATION: [
        "sisetp:import",
        "sisetp:import-batches",
        "sisetp:sources",
        "linkage:runs",
        "linkage:review",
        "statistics:vulnerability-weights",
        "monitoring_web:review_queue",
        "admin:index",
        "dashboards:index",
        "notifications:inbox",
        "workspace:dashboard",
    ],
    Role.FOCAL_POINT: ["monitoring_web:my_activities", "sisetp:import", "notifications:inbox"],
    Role.COMMITTEE_MEMBER: ["dashboards:index", "notifications:inbox"],
    Role.ANALYST: ["dashboards:index", "linkage:review", "linkage:runs"],
    "anonymous": ["plans:plan_list", "portal:index", "statistics:statistics"],
}
NEVER = {
    Role.FOCAL_POINT: ["admin:index", "sisetp:sources", "monitoring_web:review_queue", "dashboards:index"],
    Role.COMMITTEE_MEMBER: ["admin:index", "sisetp:import", "monitoring_web:my_activities", "linkage:review"],
    Role.ANALYST: ["admin:index", "sisetp:import", "sisetp:sources", "statistics:vulnerability-weights"],
    "anonymous": ["workspace:dashboard", "notifications:inbox", "dashboards:index", "admin:index"],
}  # fmt: skip


@pytest.fixture
def user_of(db):
    def build(role):
        if role == "anonymous":
            return None
        user = make_user(role)
        # One source of MJSP, the focal point's institution: it may import it, the coordination any.
        institution = Institution.objects.filter(acronym="MJSP").first() or make_institution()
        DataSource.objects.create(institution=institution, slug="fonte-mjsp", name="Fonte MJSP", coverage="nacional")
        return user

    return build


def _urls(user) -> set[str]:
    return {item.url for group in menu_for(user or AnonymousUser()) for item in group.items}


@pytest.mark.parametrize("role", ROLES)
def test_menu_shows_what_the_role_may_do_and_nothing_else(role, user_of):
    urls = _urls(user_of(role))
    assert {reverse(name) for name in MUST.get(role, [])} <= urls
    assert not {reverse(name) for name in NEVER.get(role, [])} & urls


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_link_opens_for_the_role(role, user_of, client):
    user = user_of(role)
    if user is not None:
        client.force_login(user)
    for url in sorted(_urls(user)):
        response = client.get(url)
        assert response.status_code == 200, (role, url, response.status_code)


def test_the_menu_is_rendered_for_the_signed_in_role(client, user_of):
    client.force_login(user_of(Role.COORDINATION))
    page = client.get("/").content.decode()
    assert f'href="{reverse("sisetp:import")}"' in page and f'href="{reverse("admin:index")}"' in page
