"""The public page cache: shared by anonymous visitors only, and invalidated by every change of the data."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings

from pnetp.accounts.models import Role
from pnetp.accounts.tests.factories import make_user
from pnetp.core import page_cache
from pnetp.core.tests.builders import build_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    cache.clear()
    with override_settings(PNETP_PAGE_CACHE_SECONDS=60):
        yield
    cache.clear()


@pytest.mark.django_db(transaction=True)  # each change commits, as in a request
def test_a_public_page_is_served_from_the_cache_and_reflects_a_change():
    plan = build_plan()
    client = Client()
    first = client.get("/plano/iv-pnetp/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    second = client.get("/plano/iv-pnetp/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content

    plan.title = "Plano renomeado para o teste do cache"
    plan.save()
    third = client.get("/plano/iv-pnetp/")
    assert "X-Page-Cache" not in third
    assert "Plano renomeado para o teste do cache" in third.content.decode()


@pytest.mark.django_db(transaction=True)  # each change commits, as in a request
def test_the_api_reads_are_cached_and_invalidated_too():
    plan = build_plan()
    client = Client()
    client.get("/api/v1/plans/", HTTP_ACCEPT="application/json")
    assert client.get("/api/v1/plans/", HTTP_ACCEPT="application/json")["X-Page-Cache"] == "hit"
    plan.delete()
    response = client.get("/api/v1/plans/", HTTP_ACCEPT="application/json")
    assert "X-Page-Cache" not in response
    assert "iv-pnetp" not in response.content.decode()


def test_a_change_bumps_the_version_now_and_again_at_commit(django_capture_on_commit_callbacks):
    before = page_cache.data_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            build_plan()  # many rows: one bump now, one callback at commit
            during = page_cache.data_version()
    assert before != during != page_cache.data_version()
    assert sum(callback is page_cache.bump_data_version for callback in callbacks) == 1


def test_a_job_or_command_bumps_once_at_commit_however_much_it_writes(django_capture_on_commit_callbacks):
    """A worker's import holds no page key: its writes bump the version once, when it commits (not per chunk)."""
    assert Client().get("/").status_code == 200  # a request of this thread read the version, then let go of it
    before = page_cache.cache.get(page_cache.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            build_plan()  # hundreds of rows, in two "chunks"
            build_plan(slug="outro-plano")
            assert page_cache.cache.get(page_cache.VERSION_KEY) == before  # nothing visible before the commit
    assert sum(callback is page_cache.bump_data_version for callback in callbacks) == 1
    assert page_cache.cache.get(page_cache.VERSION_KEY) != before


def test_signed_in_users_never_get_nor_fill_a_shared_page():
    build_plan()
    ana = make_user(Role.COORDINATION, username="ana.coordenacao")
    bia = make_user(Role.ANALYST, username="bia.analista")
    first, second, anonymous = Client(), Client(), Client()
    first.force_login(ana)
    second.force_login(bia)

    for _ in range(2):
        response = first.get("/plano/iv-pnetp/")
        assert "X-Page-Cache" not in response
        assert "ana.coordenacao" in response.content.decode()
    response = second.get("/plano/iv-pnetp/")
    assert "X-Page-Cache" not in response
    assert "bia.analista" in response.content.decode() and "ana.coordenacao" not in response.content.decode()
    for _ in range(2):
        response = anonymous.get("/plano/iv-pnetp/")
        assert "ana.coordenacao" not in response.content.decode()
        assert "bia.analista" not in response.content.decode()
    assert response["X-Page-Cache"] == "hit"


def test_requests_with_credentials_or_messages_and_private_pages_are_not_cached():
    build_plan()
    client = Client()
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/api/v1/plans/", HTTP_AUTHORIZATION="Token abc")
        assert "X-Page-Cache" not in client.get("/plano/iv-pnetp/", HTTP_COOKIE="messages=x")
        assert "X-Page-Cache" not in client.get("/conta/entrar/")  # not public data (and sets the CSRF cookie)


def test_a_sign_in_does_not_invalidate_the_public_pages():
    build_plan()
    user = make_user(Role.ANALYST)
    version = page_cache.data_version()
    response = Client().post("/conta/entrar/", {"username": user.username, "password": "senha-de-teste-123"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_login is not None
    assert page_cache.data_version() == version


@pytest.mark.parametrize(
    "url", ["/", "/plano/iv-pnetp/", "/plano/iv-pnetp/1.1.3/", "/transparencia/", "/api/v1/plans/"]
)
def test_a_cache_hit_touches_no_database(django_assert_num_queries, url):
    """A page served from the cache is one cache round trip (the data version and the page): no query, no session."""
    build_plan()
    client = Client()
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200 and response["X-Page-Cache"] == "hit"
    assert not response.cookies
