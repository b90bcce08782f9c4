"""Who may open the coordination dashboard: one row per role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from pnetp.monitoring.dashboards.data import can_view_dashboard
from pnetp.monitoring.dashboards.views import MY_ACTIVITIES_PATH, _my_activities_url

from .conftest import make_user

URL = reverse("dashboards:index")

# (user attribute of ``world.users``, or None for anonymous; expected status)
MATRIX = [
    (None, 302),
    ("coord", 200),
    ("mjsp", 403),
    ("committee", 200),
    ("analyst", 200),
]


@pytest.mark.parametrize(("who", "status"), MATRIX)
def test_dashboard_status_per_role(client, world, who, status):
    if who:
        client.force_login(getattr(world.users, who))
    response = client.get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("accounts:login") + "?next=/painel/")


def test_focal_point_is_pointed_to_their_activities(client, world):
    client.force_login(world.users.mjsp)
    response = client.get(URL)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Acesso restrito" in html
    assert f'href="{_my_activities_url()}"' in html
    assert "Ir para Minhas atividades" in html


def test_user_without_role_gets_403_without_the_focal_point_link(client, world):
    client.force_login(make_user("semperfil"))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Minhas atividades" not in response.content.decode()


def test_inactive_coordination_and_anonymous_are_refused(world):
    world.users.coord.is_active = False
    assert not can_view_dashboard(world.users.coord)
    assert not can_view_dashboard(AnonymousUser())


def test_my_activities_link_prefers_the_named_url():
    assert _my_activities_url().startswith("/monitoramento/")
    assert MY_ACTIVITIES_PATH == "/monitoramento/minhas-atividades/"
