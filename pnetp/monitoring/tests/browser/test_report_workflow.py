"""The report workflow in a real browser, mostly by keyboard, with axe-core on every page visited.

Focal point writes and submits; coordination returns with a reason; focal point sees it, edits
and resubmits; coordination approves; the history shows every step. Set PNETP_SCREENSHOTS to a
folder to keep screenshots of the main pages.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pnetp.monitoring.models import Indicator, ProgressReport

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("PNETP_SCREENSHOTS")


class Visit:
    """Checks each page the test lands on: loaded, one <h1>, no axe violations."""

    def __init__(self, page, assert_accessible):
        self.page, self.check = page, assert_accessible

    def __call__(self, heading: str):
        self.page.wait_for_load_state("load")
        expect(self.page.locator("h1")).to_have_count(1)
        expect(self.page.locator("h1")).to_contain_text(heading)
        self.check(self.page)

    def shot(self, name: str):
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def sign_in(page, visit, base: str, username: str):
    page.goto(f"{base}/conta/entrar/?next=/monitoramento/")
    visit("Entrar")
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/monitoramento/(minhas-atividades|analise)/$"))


def sign_out(page):
    page.get_by_role("button", name="Sair").click()
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/$"))


def press(page, locator):
    """Activates a link or button from the keyboard."""
    locator.focus()
    page.keyboard.press("Enter")


def success(page, text: str):
    expect(page.locator(".pnetp-messages .br-message.success")).to_contain_text(text)


def test_report_workflow_end_to_end(stage, page, assert_accessible):
    visit = Visit(page, assert_accessible)
    Indicator.objects.create(activity=stage.act["1.1.1"], name="Pessoas capacitadas", unit="pessoas")
    base = stage.url

    # Focal point: Minhas atividades → write the report of 1.1.1, by keyboard.
    sign_in(page, visit, base, "mjsp")
    visit("Minhas atividades")
    visit.shot("minhas-atividades")
    press(page, page.get_by_role("link", name="Escrever relatório da atividade 1.1.1"))
    visit("Escrever o relatório da atividade 1.1.1")
    page.locator("#id_status").focus()
    page.keyboard.press("ArrowDown")  # Não iniciada
    page.keyboard.press("ArrowDown")  # Em andamento
    expect(page.locator("#id_status option:checked")).to_have_text("Em andamento")
    for text in ["40", "Curso iniciado com a primeira turma.", "Agenda dos instrutores.", "Abrir a segunda turma."]:
        page.keyboard.press("Tab")
        page.keyboard.type(text)
    page.keyboard.press("Tab")  # indicator value
    page.keyboard.type("35")
    page.keyboard.press("Tab")  # its note
    page.keyboard.type("Turma 1")
    visit.shot("formulario-relatorio")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Salvar relatório"
    page.keyboard.press("Enter")
    visit("Relatório da atividade 1.1.1")
    success(page, "Relatório salvo")

    # A link as evidence, public.
    press(page, page.get_by_role("link", name="Adicionar evidência"))
    visit("Adicionar evidência")
    page.locator("#id_title").focus()
    page.keyboard.type("Notícia do curso")
    page.keyboard.press("Tab")  # file input, left empty
    page.keyboard.press("Tab")
    page.keyboard.type("https://www.gov.br/mj/curso")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("#id_is_public")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    visit("Relatório da atividade 1.1.1")
    success(page, "Evidência “Notícia do curso” incluída.")
    link = page.get_by_role("link", name=re.compile("Notícia do curso"))
    expect(link).to_have_attribute("href", "https://www.gov.br/mj/curso")

    press(page, page.get_by_role("button", name="Enviar para análise"))
    visit("Relatório da atividade 1.1.1")
    success(page, "Relatório enviado para análise")
    sign_out(page)

    # Coordination: review queue → report → return with a reason.
    sign_in(page, visit, base, "coord")
    visit("Análise de relatórios")
    press(page, page.get_by_role("link", name="Analisar o relatório 1.1.1 de MJSP"))
    visit("Relatório da atividade 1.1.1")
    press(page, page.get_by_role("link", name="Devolver com motivo"))
    visit("Devolver relatório com motivo")
    page.locator("#id_reason").focus()
    page.keyboard.type("Informe quantas pessoas concluíram o curso.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    visit("Relatório da atividade 1.1.1")
    success(page, "Relatório devolvido")
    sign_out(page)

    # Focal point: the reason stands out; edit and resubmit.
    sign_in(page, visit, base, "mjsp")
    visit("Minhas atividades")
    expect(page.locator("table")).to_contain_text("Devolvido para ajustes")
    visit.shot("minhas-atividades-devolvido")
    press(page, page.get_by_role("link", name="Continuar o relatório da atividade 1.1.1"))
    visit("Editar o relatório da atividade 1.1.1")
    expect(page.locator(".br-message.warning")).to_contain_text("Informe quantas pessoas concluíram o curso.")
    page.locator("#id_percent_complete").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("60")
    page.locator("[id^=id_note_]").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("28 pessoas concluíram a turma 1")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    visit("Relatório da atividade 1.1.1")
    expect(page.locator(".br-message.warning")).to_contain_text("Informe quantas pessoas concluíram o curso.")
    press(page, page.get_by_role("button", name="Enviar para análise"))
    visit("Relatório da atividade 1.1.1")
    success(page, "Relatório enviado para análise")
    sign_out(page)

    # Coordination approves, after confirming.
    sign_in(page, visit, base, "coord")
    visit("Análise de relatórios")
    press(page, page.get_by_role("link", name="Analisar o relatório 1.1.1 de MJSP"))
    visit("Relatório da atividade 1.1.1")
    press(page, page.get_by_role("link", name="Aprovar", exact=True))
    visit("Aprovar relatório")
    press(page, page.get_by_role("button", name="Confirmar aprovação"))
    visit("Relatório da atividade 1.1.1")
    success(page, "Relatório aprovado")
    expect(page.locator("#main-content > .br-message.success")).to_contain_text("Aprovado por Coord em")

    # The history tells every step.
    timeline = page.locator(".pnetp-timeline")
    for step in ["Criação", "Envio", "Devolução", "Reenvio", "Aprovação"]:
        expect(timeline).to_contain_text(step)
    expect(timeline).to_contain_text("Percentual concluído: de 40 → para 60")
    expect(timeline).to_contain_text("Evidência “Notícia do curso”")
    visit.shot("pagina-relatorio")

    report = ProgressReport.objects.get()
    assert report.state == ProgressReport.State.APPROVED and report.percent_complete == 60


COORDINATION_PAGES = [
    ("/monitoramento/ciclos/", "Ciclos de monitoramento"),
    ("/monitoramento/ciclos/novo/", "Abrir ciclo de monitoramento"),
    ("/monitoramento/atividades/", "Responsabilidades pelas atividades"),
    ("/monitoramento/atividades/teste/1.1.1/responsabilidade/", "Responsabilidade da atividade 1.1.1"),
    ("/monitoramento/atividades/teste/1.1.1/indicadores/novo/", "Adicionar indicador"),
    ("/monitoramento/situacoes/", "Situações de atividade"),
    ("/monitoramento/situacoes/nova/", "Nova situação"),
]


def test_coordination_pages_have_no_axe_violations(stage, page, assert_accessible):
    visit = Visit(page, assert_accessible)
    sign_in(page, visit, stage.url, "coord")
    visit("Análise de relatórios")
    for path, heading in COORDINATION_PAGES:
        page.goto(stage.url + path)
        visit(heading)
    page.goto(f"{stage.url}/monitoramento/ciclos/{stage.cycle.pk}/")
    visit("Ciclo 2025.1")
    press(page, page.get_by_role("link", name="Encerrar ciclo"))
    visit("Encerrar o ciclo 2025.1")
    # Errors are announced and accessible too.
    page.goto(stage.url + "/monitoramento/ciclos/novo/")
    page.get_by_role("button", name="Abrir ciclo").click()
    visit("Abrir ciclo de monitoramento")
    expect(page.locator(".br-message.danger")).to_contain_text("Verifique os campos")
