"""``pnetp report cycle`` and the download view, on the scenario of test_cycle_report.py."""

from io import BytesIO, StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.http import Http404
from django.shortcuts import resolve_url
from django.test import RequestFactory
from openpyxl import load_workbook

from pnetp.monitoring.models import Evidence, MonitoringCycle
from pnetp.monitoring.reports.views import cycle_report_download

from .conftest import make_plan
from .test_cycle_report import scenario  # noqa: F401  (fixture)

MAGIC = {"pdf": b"%PDF-", "xlsx": b"PK", "docx": b"PK"}


def _progress_in(xlsx: bytes) -> float:
    summary = {row[0].value: row[1].value for row in load_workbook(BytesIO(xlsx))["Resumo"].iter_rows()}
    return summary["Progresso do plano"]


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "docx"])
def test_command_writes_the_default_file_name(scenario, tmp_path, monkeypatch, fmt):
    monkeypatch.chdir(tmp_path)
    call_command("report", "cycle", "2025.1", "--format", fmt, "--today", "2025-08-01", stdout=StringIO())
    content = (tmp_path / f"relatorio-ciclo-2025.1.{fmt}").read_bytes()
    assert content.startswith(MAGIC[fmt])


def test_command_output_and_plan_option(scenario, tmp_path):
    MonitoringCycle.objects.create(
        plan=make_plan("outro")[0], name="2025.1", period_start=scenario.cycle.period_start,
        period_end=scenario.cycle.period_end, reporting_deadline=scenario.cycle.reporting_deadline,
    )  # fmt: skip
    with pytest.raises(CommandError, match="mais de um plano .*informe --plan"):
        call_command("report", "cycle", "2025.1", "--format", "xlsx")
    target = tmp_path / "ciclo.xlsx"
    out = StringIO()
    call_command("report", "cycle", "2025.1", "--plan", "teste", "--format", "xlsx", "--output", target, stdout=out)
    assert _progress_in(target.read_bytes()) == pytest.approx(0.45)
    assert str(target) in out.getvalue()


def test_command_errors_in_portuguese(scenario):
    with pytest.raises(CommandError, match=r"Ciclo '2030\.9' não encontrado\. Ciclos existentes: 2025\.1, 2025\.2"):
        call_command("report", "cycle", "2030.9", "--format", "pdf")
    with pytest.raises(CommandError, match="Plano 'nenhum' não encontrado"):
        call_command("report", "cycle", "2025.1", "--plan", "nenhum", "--format", "pdf")
    with pytest.raises(CommandError, match="Data inválida"):
        call_command("report", "cycle", "2025.1", "--format", "pdf", "--today", "01/08/2025")
    with pytest.raises(CommandError):
        call_command("report", "cycle", "2025.1", "--format", "odt")


def _get(user, cycle_id, fmt):
    request = RequestFactory().get(f"/monitoramento/ciclos/{cycle_id}/relatorio.{fmt}")
    request.user = user
    return cycle_report_download(request, cycle_id, fmt)


@pytest.mark.parametrize("role", ["coord", "committee", "analyst"])
def test_view_serves_readers_of_the_whole_plan(scenario, role):
    response = _get(getattr(scenario.users, role), scenario.cycle.pk, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="relatorio-ciclo-2025.1.xlsx"'
    assert _progress_in(response.content) == pytest.approx(0.45)


def test_view_links_uploaded_evidence_to_this_site(scenario):
    book = load_workbook(BytesIO(_get(scenario.users.coord, scenario.cycle.pk, "xlsx").content))
    links = " ".join(str(row[11].value) for row in book["Atividades"].iter_rows(min_row=2))
    evidence = Evidence.objects.get(file__endswith="ata.pdf")
    assert f"http://testserver/monitoramento/evidencias/{evidence.pk}/arquivo/" in links  # the checked view
    assert "/media/" not in links


def test_view_pdf_content_type(scenario):
    response = _get(scenario.users.committee, scenario.cycle.pk, "pdf")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("role", ["mjsp", "mdhc", "mte"])
def test_view_refuses_focal_points(scenario, role):
    with pytest.raises(PermissionDenied):
        _get(getattr(scenario.users, role), scenario.cycle.pk, "pdf")


def test_view_refuses_inactive_accounts(scenario):
    scenario.users.coord.is_active = False
    with pytest.raises(PermissionDenied):
        _get(scenario.users.coord, scenario.cycle.pk, "pdf")


def test_view_sends_anonymous_visitors_to_login(scenario):
    response = _get(AnonymousUser(), scenario.cycle.pk, "pdf")
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")


def test_view_unknown_format_or_cycle(scenario):
    with pytest.raises(Http404):
        _get(scenario.users.coord, scenario.cycle.pk, "odt")
    with pytest.raises(Http404):
        _get(scenario.users.coord, 999_999, "pdf")
