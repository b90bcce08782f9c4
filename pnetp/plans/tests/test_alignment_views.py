"""Alignment pages: coverage by UF, local plan page, national activity section, and the coordination's editor."""

import pytest
from django.test import Client

from pnetp.accounts.models import Role
from pnetp.accounts.tests.factories import ROLES, make_user
from pnetp.core.tests.shared_data import fresh, shared
from pnetp.plans.models import ActivityAlignment

from .test_alignment import act, approve_report, build_world

pytestmark = pytest.mark.django_db

EDITOR = "/alinhamento/pe-rj/1.1.2/editar/"


# Built once per module (national plan and four local ones); each test rolls its own changes back.
shared_world = shared(lambda folder: build_world())


@pytest.fixture
def world(shared_world, db):
    return fresh(shared_world)


@pytest.fixture
def coord_client(client, world):
    client.force_login(world.coord)
    return client


def test_coverage_page_has_a_row_per_uf_and_hides_drafts(client, world):
    response = client.get("/alinhamento/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('<th scope="row">') == 27
    assert '<th scope="row">SP – São Paulo</th>' in body
    assert 'href="/alinhamento/pe-sp/"' in body and 'href="/alinhamento/pm-sao-paulo/"' in body
    assert "pe-mg" not in body and "rascunho" not in body
    # Totals and the tile map's text labels; the map is hidden from screen readers (the table carries the data).
    assert "de 108 atividades nacionais cobertas" in body and "3,7%" in body
    assert 'class="pnetp-tilemap" aria-hidden="true"' in body
    rows = {row.uf: row for row in response.context["coverage"].rows}
    assert (rows["SP"].covered, rows["MG"].covered) == (4, 0)


def test_coordination_sees_drafts_on_the_coverage_page(coord_client):
    body = coord_client.get("/alinhamento/").content.decode()
    assert 'href="/alinhamento/pe-mg/"' in body and "rascunho" in body


def test_coverage_page_without_a_national_plan(client):
    assert "Nenhum plano nacional publicado." in client.get("/alinhamento/").content.decode()


def test_national_activity_page_lists_published_aligned_activities_with_status(client, world):
    approve_report(world.sp, "1.1.1", "em-andamento", percent=40)
    response = client.get("/plano/iv-pnetp/1.1.1/")
    body = response.content.decode()
    assert "Atividades estaduais e municipais alinhadas" in body
    assert 'href="/plano/pe-sp/1.1.1/"' in body and 'href="/plano/pe-rj/1.1.1/"' in body
    assert "Em andamento" in body and "40%" in body and "sem relatório" in body
    assert [row.plan.slug for row in response.context["aligned"]] == ["pe-rj", "pe-sp"]

    draft_only = client.get("/plano/iv-pnetp/4.1.1/").content.decode()
    assert "pe-mg" not in draft_only
    assert "Nenhuma atividade estadual ou municipal alinhada a esta atividade até o momento." in draft_only


def test_local_activity_pages_do_not_show_the_national_section(client, world):
    assert "Atividades estaduais e municipais alinhadas" not in client.get("/plano/pe-sp/1.1.1/").content.decode()


def test_local_plan_page_lists_activities_and_national_links(client, world):
    response = client.get("/alinhamento/pe-sp/")
    assert response.status_code == 200
    body = response.content.decode()
    for href in ("/plano/pe-sp/1.1.1/", "/plano/iv-pnetp/1.1.1/", "/plano/iv-pnetp/1.1.3/", "/plano/iv-pnetp/2.1.1/"):
        assert f'href="{href}"' in body
    assert "Este plano está alinhado a 3 das 108 atividades nacionais." in body
    assert "/editar/" not in body  # editing is for the coordination


def test_municipal_plan_page_names_its_state_plan(client, world):
    body = client.get("/alinhamento/pm-sao-paulo/").content.decode()
    assert "Município 3550308 (SP)" in body and "por meio do Plano SP" in body


@pytest.mark.parametrize("url", ["/alinhamento/pe-mg/", "/alinhamento/iv-pnetp/", "/alinhamento/nenhum/"])
def test_hidden_or_non_local_plans_are_404(client, world, url):
    assert client.get(url).status_code == 404


def test_coordination_sees_draft_local_plans_with_edit_links(coord_client):
    body = coord_client.get("/alinhamento/pe-mg/").content.decode()
    assert 'href="/alinhamento/pe-mg/1.1.1/editar/"' in body


@pytest.mark.parametrize("role", ROLES)
def test_editor_access_per_role(client, world, role):
    if role != "anonymous":
        client.force_login(make_user(role))
    response = client.get(EDITOR)
    link = ActivityAlignment.objects.filter(local_activity__plan=world.rj).get()
    removal = client.post(f"/alinhamento/pe-rj/1.1.1/remover/{link.pk}/")
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/conta/")
        assert removal.status_code == 302 and removal.url.startswith("/conta/")
    elif role == Role.COORDINATION:
        assert response.status_code == 200
        assert removal.status_code == 302
    else:
        assert (response.status_code, removal.status_code) == (403, 403)
    assert ActivityAlignment.objects.filter(pk=link.pk).exists() == (role != Role.COORDINATION)


def test_editor_adds_a_link(coord_client, world):
    page = coord_client.get(EDITOR)
    assert '<option value="5.3.5">' in page.content.decode()
    response = coord_client.post(EDITOR, {"national_activity": "3.1.1", "note": "Campanha"}, follow=True)
    assert response.redirect_chain == [(EDITOR, 302)]
    assert "Atividade 1.1.2 alinhada à atividade nacional 3.1.1." in response.content.decode()
    link = ActivityAlignment.objects.get(local_activity=act(world.rj, "1.1.2"))
    assert (link.national_activity.code, link.note, link.created_by) == ("3.1.1", "Campanha", world.coord)


def test_editor_refuses_unknown_codes(coord_client, world):
    response = coord_client.post(EDITOR, {"national_activity": "9.9.9"})
    assert response.status_code == 200
    assert "Faça uma escolha válida" in response.content.decode()
    assert not ActivityAlignment.objects.filter(local_activity=act(world.rj, "1.1.2")).exists()


def test_editor_removes_a_link(coord_client, world):
    link = ActivityAlignment.objects.filter(local_activity__plan=world.rj).get()
    response = coord_client.post(f"/alinhamento/pe-rj/1.1.1/remover/{link.pk}/", follow=True)
    assert "Alinhamento da atividade 1.1.1 com a atividade nacional 1.1.1 removido." in response.content.decode()
    assert not ActivityAlignment.objects.filter(pk=link.pk).exists()


def test_removal_needs_post_and_the_right_activity(coord_client, world):
    link = ActivityAlignment.objects.filter(local_activity__plan=world.rj).get()
    assert coord_client.get(f"/alinhamento/pe-rj/1.1.1/remover/{link.pk}/").status_code == 405
    assert coord_client.post(f"/alinhamento/pe-rj/1.1.2/remover/{link.pk}/").status_code == 404
    assert ActivityAlignment.objects.filter(pk=link.pk).exists()


def test_editor_posts_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coord)
    assert 'name="csrfmiddlewaretoken"' in client.get(EDITOR).content.decode()
    assert client.post(EDITOR, {"national_activity": "3.1.1"}).status_code == 403
    assert not ActivityAlignment.objects.filter(local_activity=act(world.rj, "1.1.2")).exists()
