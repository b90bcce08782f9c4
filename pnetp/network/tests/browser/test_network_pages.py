"""axe-core (WCAG 2.1 A/AA) on the network's public pages at 1280 px and 390 px; Onde denunciar loads no map."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import timezone

from pnetp.core.tests.browser.test_accessibility import open_page
from pnetp.network.models import AgendaItem, Candidate, CandidateStatus, Channel, Decision, Meeting, SelectionProcess
from pnetp.territory.loader import LoadReport, _load_state_outlines

from ..committees_data import build_conatrap
from ..conftest import build_directory

pytestmark = pytest.mark.browser

PUBLIC_PAGES = ["/rede/", "/rede/?uf=DF&tipo=shelter", "/rede/atualizacao/", "/rede/comites/", "/rede/comites/conatrap/",
                "/rede/cobertura/", "/rede/onde-denunciar/", "/rede/comites/conatrap/reunioes/", "/rede/capacitacoes/",
                "/rede/especialistas/", "/rede/materiais/", "/rede/acordos/", "/rede/eventos/"]  # fmt: skip


@pytest.fixture
def site(live_server, transactional_db, territory) -> SimpleNamespace:
    _load_state_outlines(settings.NODE_MODULES, False, LoadReport())
    directory = build_directory()
    conatrap = build_conatrap()
    meeting = Meeting.objects.create(committee=conatrap.committee, number=1, starts_at=timezone.now())
    AgendaItem.objects.create(meeting=meeting, order=1, title="Monitoramento do plano", presenter="SENAJUS")
    AgendaItem.objects.create(meeting=meeting, order=2, title="Informes")
    decision = Decision.objects.create(meeting=meeting, number="1/2026", text="Deliberação fictícia",
                                       responsible=conatrap.secretariat)  # fmt: skip
    process = SelectionProcess.objects.create(
        committee=conatrap.committee, title="Seleção fictícia", call_number="1/2026", registration_start=date(2026, 1, 5),
        registration_end=date(2026, 2, 5), holder_seats=8, alternate_seats=8,
    )  # fmt: skip
    Candidate.objects.create(process=process, name="Associação Fictícia", cnpj="11222333000181",
                             status=CandidateStatus.DISQUALIFIED, reason="Documentação incompleta")  # fmt: skip
    base = f"/rede/comites/conatrap/reunioes/{meeting.pk}"
    manage_pages = [
        "/rede/comites/gestao/", "/rede/comites/novo/", "/rede/comites/conatrap/editar/", "/rede/comites/deliberacoes/",
        f"/rede/comites/conatrap/assentos/{conatrap.seats[0].pk}/editar/", f"{base}/pauta/",
        f"{base}/pauta/{meeting.agenda.first().pk}/remover/", f"{base}/deliberacoes/{decision.pk}/situacao/",
        "/rede/comites/conatrap/editais/novo/", f"/rede/comites/conatrap/editais/{process.pk}/inscricoes/nova/",
        f"/rede/comites/conatrap/editais/{process.pk}/encerrar/", f"/rede/comites/conatrap/editais/{process.pk}/",
        "/rede/comites/conatrap/", f"{base}/",  # with the managers' buttons and the ended seats
    ]  # fmt: skip
    ended = conatrap.seats[-1]
    ended.end_date, ended.end_reason = ended.term_start, "Renúncia (fictícia)"
    ended.save()
    Channel.objects.create(name="Disque 100", kind="phone", contact="100", link="tel:100", hours="24 horas",
                           libras=True, scope="national", institution=directory.mjsp)  # fmt: skip
    Channel.objects.create(name="Linha fictícia em Portugal", kind="phone", contact="+351 000 000 000",
                           scope="international", responsible="Serviço fictício")  # fmt: skip
    units = [f"/rede/unidades/{u.pk}/" for u in (directory.netp, directory.shelter)]
    public = ["/rede/comites/conatrap/editais/", f"/rede/comites/conatrap/editais/{process.pk}/"]
    return SimpleNamespace(url=live_server.url, unit_pages=units + public, manage_pages=manage_pages)


def _check(page, url, assert_accessible):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page(page, url)
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert not errors, errors


def test_public_pages_have_no_axe_violations_at_1280(site, page, assert_accessible):
    for path in PUBLIC_PAGES + site.unit_pages:
        _check(page, site.url + path, assert_accessible)
    open_page(page, site.url + "/rede/")
    assert page.locator("svg.network-map path.uf").count() == 27
    assert page.locator("svg.network-map circle").count() == 3
    assert page.get_by_role("img", name="Mapa do Brasil com as unidades encontradas").count() == 1


@pytest.mark.parametrize(
    "path", ["/rede/onde-denunciar/", "/rede/", "/rede/comites/conatrap/", "/rede/comites/conatrap/editais/"]
)
def test_phone_width_has_no_axe_violations(site, browser, assert_accessible, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pt-BR", is_mobile=True)
    try:
        page = context.new_page()
        _check(page, site.url + path, assert_accessible)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


def test_report_channels_is_light_and_linked_from_home(site, page):
    open_page(page, site.url + "/")
    page.get_by_role("link", name="Veja onde denunciar").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/rede/onde-denunciar/")
    assert page.locator("svg").filter(has=page.locator("path.uf")).count() == 0
    scripts = page.evaluate("[...document.scripts].map(s => s.src)")
    open_page(page, site.url + "/acessibilidade/")
    assert scripts == page.evaluate("[...document.scripts].map(s => s.src)")  # only the base template's scripts
    assert page.locator('#main-navigation a[href="/rede/onde-denunciar/"]').count() == 1  # main menu


def test_keyboard_reaches_the_first_channel(site, page):
    open_page(page, site.url + "/rede/onde-denunciar/")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == "tel:100":
            return
    pytest.fail("the Disque 100 link is not reachable by keyboard")


def _sign_in(page, site, username):
    page.goto(f"{site.url}/conta/entrar/?next=/rede/comites/gestao/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("x")
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{site.url}/rede/comites/gestao/")


@pytest.mark.parametrize("width", [1280, 390])
def test_committee_management_pages_have_no_axe_violations(site, browser, assert_accessible, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="pt-BR", is_mobile=width < 800)
    try:
        page = context.new_page()
        _sign_in(page, site, "coordenacao")
        for path in site.manage_pages:
            _check(page, site.url + path, assert_accessible)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        # the agenda is reordered with the keyboard: Tab to "Descer" of item 1 and press Enter
        agenda = next(p for p in site.manage_pages if p.endswith("/pauta/"))
        open_page(page, site.url + agenda)
        page.get_by_role("button", name="Descer item 1").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator(".network-agenda-title").all_inner_texts() == ["Informes", "Monitoramento do plano"]
        with page.expect_navigation():
            page.get_by_role("button", name="Subir item 2").click()
        assert page.locator(".network-agenda-title").all_inner_texts() == ["Monitoramento do plano", "Informes"]
    finally:
        context.close()
