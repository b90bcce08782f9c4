"""axe-core at 1280 px and 390 px on the registry pages added for issue 14: the channel editor (coordination),
participants and certificates (the offering's focal point), the public offering page, the certificate check
and the events page with its iCal link."""

from datetime import date
from types import SimpleNamespace

import pytest

from pnetp.core.tests.browser.test_accessibility import open_page
from pnetp.network.models import Channel, Event, Training
from pnetp.network.services.participants import CountRow, certificates_issue, participant_add, participant_counts_set

from ..conftest import build_directory

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, transactional_db, territory) -> SimpleNamespace:
    directory = build_directory()
    coord = directory.users["coord"]
    disque = Channel.objects.create(name="Disque 100", kind="phone", contact="100", link="tel:100", scope="national",
                                    institution=directory.mjsp, order=10)  # fmt: skip
    Channel.objects.create(name="Ligue 180", kind="phone", contact="180", link="tel:180", scope="national",
                           responsible="Ministério fictício", order=20)  # fmt: skip
    training = Training.objects.create(title="Curso fictício de atendimento", institution=directory.sedes,
                                       audience="social_assistance", mode="online", start_date=date(2026, 3, 2),
                                       end_date=date(2026, 3, 6), workload_hours=40)  # fmt: skip
    participant_counts_set(coord, training, rows=[CountRow("social_assistance", "female", "DF", 25),
                                                  CountRow("social_assistance", "male", "GO", 4)])  # fmt: skip
    person = participant_add(
        coord, training, name="Pessoa Fictícia Cursista", email="cursista@example.org", completed=True
    )
    certificates_issue(coord, training)
    person.refresh_from_db()
    Event.objects.create(name="Fórum fictício", starts_on=date(2026, 10, 6), location="Viena")
    public = [
        f"/rede/capacitacoes/{training.pk}/",
        "/rede/capacitacoes/",
        f"/rede/capacitacoes/certificados/verificar/?codigo={person.certificate_code}",
        "/rede/eventos/?ano=2026",
    ]
    coordination = ["/rede/onde-denunciar/canais/", "/rede/onde-denunciar/canais/novo/",
                    f"/rede/onde-denunciar/canais/{disque.pk}/editar/"]  # fmt: skip
    focal = ["/rede/capacitacoes/participantes/", f"/rede/capacitacoes/{training.pk}/participantes/"]
    return SimpleNamespace(url=live_server.url, public=public, coordination=coordination, focal=focal)


def sign_in(page, site, username):
    page.goto(f"{site.url}/conta/entrar/?next=/conta/painel/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("x")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site.url}/conta/painel/")


def _check(page, url, assert_accessible, width):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    open_page(page, url)
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert not errors, errors
    if width == 390:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url


@pytest.mark.parametrize("width", [1280, 390])
def test_registry_pages_have_no_axe_violations(site, browser, assert_accessible, width):
    for username, paths in ((None, site.public), ("coord", site.coordination), ("focal", site.focal)):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="pt-BR", is_mobile=width == 390)
        try:
            page = context.new_page()
            if username:
                sign_in(page, site, username)
            for path in paths:
                _check(page, site.url + path, assert_accessible, width)
        finally:
            context.close()


def test_coordination_orders_channels_with_the_keyboard(site, page):
    sign_in(page, site, "coord")
    open_page(page, site.url + "/rede/onde-denunciar/canais/")
    page.get_by_role("button", name="Subir Ligue 180").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Cadastrar canal")
    assert list(Channel.objects.values_list("name", flat=True)) == ["Ligue 180", "Disque 100"]
    open_page(page, site.url + "/rede/onde-denunciar/")
    names = page.locator(".channel-list h3").all_inner_texts()
    assert names == ["Ligue 180", "Disque 100"]
    assert page.locator('#main-navigation a[href="/rede/onde-denunciar/canais/"]').count() == 1
