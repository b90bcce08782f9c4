"""The portal pages show the roll-up of approved reports (figures in scenario.py)."""

from decimal import Decimal

from django.urls import reverse

from pnetp.portal.services import pages

from .html import tables, text


def test_institution_progress_is_the_weighted_average_of_led_activities(public):
    rows = [(r.acronym, r.led, r.progress) for r in pages.institution_progress(public.plan)]
    # MJSP: 1.1.1 (80%) and 1.2.1 (0%); 1.1.2 is cancelled. MDHC: 2.1.1 (25%) and 2.1.2 (0%).
    assert rows == [("MDHC", 2, Decimal("12.50")), ("MJSP", 3, Decimal("40"))]
    public.act["1.1.1"].responsibility.weight = Decimal("3")
    public.act["1.1.1"].responsibility.save()
    assert pages.institution_progress(public.plan)[1].progress == Decimal("60")  # (3 × 80 + 0) / 4


def test_overview_shows_progress_by_axis_and_by_institution(client, public):
    html = client.get(reverse("portal:index")).content.decode()
    found = tables(html)
    assert found["Progresso por eixo"][1:] == [["1 – Eixo 1", "40%", "2 (1 fora do cálculo)"],
                                              ["2 – Eixo 2", "12,5%", "2"]]  # fmt: skip
    institutions = found["Progresso por instituição responsável"][1:]
    assert [row[:2] for row in institutions] == [
        ["MDHC – Ministério dos Direitos Humanos e da Cidadania", "12,5%"],
        ["MJSP – Ministério da Justiça e Segurança Pública", "40%"],
    ]
    assert '<span class="pnetp-stat-number">26,3%</span>' in html
    assert reverse("portal:institution", args=[public.inst["MJSP"].pk]) in html


def test_plan_page_shows_each_activity_status_and_latest_approved_narratives(client, public):
    page = text(client.get(reverse("portal:plan", args=["teste"])).content.decode())
    assert "1.1.1 Ativ. 1.1.1 Situação Em andamento Progresso 80%" in page
    assert "1.1.2 Ativ. 1.1.2 Situação Cancelada Progresso fora do cálculo" in page
    assert "1.2.1 Ativ. 1.2.1 Situação Sem relatório aprovado Progresso 0%" in page
    assert "Último relato aprovado de MJSP (ciclo 2025.1): Em andamento, 60%." in page
    assert "Último relato aprovado de MDHC (ciclo 2025.1): Concluída, 100%." in page


def test_institution_page_lists_its_activities_and_progress(client, public):
    html = client.get(reverse("portal:institution", args=[public.inst["MDHC"].pk])).content.decode()
    rows = tables(html)["Atividades com participação da instituição no Plano de teste"][1:]
    assert [(r[0].split()[0], r[1], r[3], r[4], r[5]) for r in rows] == [
        ("1.1.1", "Parceira", "Em andamento", "80%", "2025.1: Concluída (100%)"),
        ("2.1.1", "Responsável", "Atrasada", "25%", "2025.1: Atrasada (25%)"),
        ("2.1.2", "Responsável", "Sem relatório aprovado", "0%", "—"),
    ]
    assert '<span class="pnetp-stat-number">12,5%</span>' in html


def test_empty_portal(client, db):
    html = client.get(reverse("portal:index")).content.decode()
    assert "Nenhum plano publicado até o momento." in html
