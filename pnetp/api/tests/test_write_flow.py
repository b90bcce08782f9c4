"""The report workflow through the API, end to end, and how sessions, CSRF and tokens authenticate writes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pnetp.monitoring.models import Evidence, IndicatorValue, ProgressReport

State = ProgressReport.State


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_create_patch_submit_return_patch_submit_approve(api_world, client_as, media):
    focal, coord, public = client_as("focal_point"), client_as("coordination"), client_as("anonymous")
    start = {"plan": "teste", "cycle": "2025.2", "activity": "1.1.2"}  # institution defaults to the user's

    created = focal.post("/api/v1/reports/", start, format="json")
    assert created.status_code == 201, created.content
    report = created.json()
    assert (report["state"], report["institution"], report["cycle"]["name"]) == ("draft", "MJSP", "2025.2")
    url = f"/api/v1/reports/{report['id']}/"
    again = focal.post("/api/v1/reports/", {**start, "cycle": str(api_world.cycle2.pk), "plan": ""}, format="json")
    assert again.status_code == 200 and again.json()["id"] == report["id"]

    patched = focal.patch(url, {"status": "em-andamento", "percent_complete": 30, "narrative": "Turma 1."}, "json")
    assert patched.status_code == 200, patched.content
    assert (patched.json()["status"], patched.json()["percent_complete"]) == ("em-andamento", 30)
    value = focal.post(f"{url}indicator-values/", {"indicator": api_world.indicator.pk, "value": "120"}, "json")
    assert value.status_code == 201 and value.json()["value"] == "120.0000"
    link = focal.post(f"{url}evidence/", {"title": "Notícia", "url": "https://exemplo.gov.br/n", "is_public": True})
    assert link.status_code == 201, link.content
    upload = SimpleUploadedFile("lista.pdf", b"%PDF-1.4 lista", content_type="application/pdf")
    attached = focal.post(f"{url}evidence/", {"title": "Lista de presença", "file": upload}, format="multipart")
    assert attached.status_code == 201, attached.content
    assert attached.json()["is_public"] is False and attached.json()["file_name"].endswith(".pdf")
    assert attached.json()["file"] == f"http://testserver/monitoramento/evidencias/{attached.json()['id']}/arquivo/"
    assert public.get(url).status_code == 404  # a draft is not public

    submitted = focal.post(f"{url}submit/")
    assert submitted.status_code == 200 and submitted.json()["state"] == State.SUBMITTED
    locked = focal.patch(url, {"narrative": "Mudança tardia."}, format="json")
    assert locked.status_code == 400
    assert locked.json() == {"non_field_errors": ["O relatório foi enviado e aguarda a análise da coordenação."]}

    no_reason = coord.post(f"{url}return/", {"reason": "  "}, format="json")
    assert no_reason.status_code == 400 and no_reason.json() == {"reason": ["Informe o motivo da devolução."]}
    returned = coord.post(f"{url}return/", {"reason": "Informe o número de turmas."}, format="json")
    assert returned.status_code == 200
    assert (returned.json()["state"], returned.json()["return_reason"]) == ("returned", "Informe o número de turmas.")

    assert focal.patch(url, {"percent_complete": 60}, format="json").json()["state"] == State.RETURNED
    assert focal.post(f"{url}submit/").json()["state"] == State.SUBMITTED
    approved = coord.post(f"{url}approve/")
    assert approved.status_code == 200 and approved.json()["state"] == State.APPROVED
    twice = coord.post(f"{url}approve/")
    assert twice.status_code == 400
    message = "Somente relatórios enviados podem ser analisados; este está como “Aprovado”."
    assert twice.json() == {"non_field_errors": [message]}

    stored = ProgressReport.objects.get(pk=report["id"])
    assert (stored.state, stored.percent_complete, stored.approved_by) == (State.APPROVED, 60, api_world.users.coord)
    assert IndicatorValue.objects.get(report=stored).value == 120
    assert Evidence.objects.filter(report=stored).count() == 2
    seen = public.get(url).json()
    assert [e["title"] for e in seen["evidence"]] == ["Notícia"] and seen["return_reason"] == ""


def test_services_messages_come_back_in_portuguese(api_world, client_as):
    focal, coord = client_as("focal_point"), client_as("coordination")
    denied = coord.patch(f"/api/v1/reports/{api_world.reports.draft.pk}/", {"narrative": "x"}, format="json")
    assert denied.json() == {
        "detail": "Somente os pontos focais da instituição podem preencher ou enviar o relatório dela."
    }
    not_partner = client_as("other_focal_point").post(
        "/api/v1/reports/", {"plan": "teste", "cycle": "2025.1", "activity": "1.1.1"}, format="json"
    )
    assert not_partner.status_code == 403
    assert not_partner.json() == {"detail": "A instituição não é responsável nem parceira da atividade 1.1.1."}
    url = f"/api/v1/reports/{api_world.reports.draft.pk}/"
    assert focal.patch(url, {"percent_complete": 101}, format="json").json() == {
        "percent_complete": ["Certifique-se de que este valor seja inferior ou igual a 100."]
    }
    assert focal.patch(url, {"state": "approved"}, format="json").json() == {
        "state": ["Campo desconhecido ou que não pode ser alterado."]
    }
    assert focal.patch(url, {"status": "inexistente"}, format="json").status_code == 400
    both = focal.post(f"{url}evidence/", {"title": "Sem nada"}, format="json")
    assert "Informe um arquivo ou um endereço (URL), e apenas um deles." in both.json()["non_field_errors"]
    other_indicator = focal.post(f"/api/v1/reports/{api_world.reports.draft.pk}/indicator-values/",
                                 {"indicator": 999999, "value": "1"}, format="json")  # fmt: skip
    assert other_indicator.json() == {"indicator": ["Indicador não encontrado."]}
    by_name = focal.post("/api/v1/reports/", {"cycle": "2025.2", "activity": "1.1.1"}, format="json")
    assert by_name.json() == {"plan": ["Informe o plano para escolher o ciclo pelo nome."]}


def test_anonymous_writes_get_401_with_the_token_scheme(api_world):
    response = APIClient().post("/api/v1/reports/", {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "As credenciais de autenticação não foram fornecidas."}


def test_session_writes_need_the_csrf_token(api_world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(api_world.users.mjsp)
    url = f"/api/v1/reports/{api_world.reports.draft.pk}/"
    refused = client.patch(url, {"narrative": "Sem CSRF."}, format="json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    # What a browser holds after any page with a form: the cookie, echoed in the X-CSRFToken header.
    secret = get_random_string(32)
    client.cookies["csrftoken"] = secret
    accepted = client.patch(url, {"narrative": "Com CSRF."}, format="json", HTTP_X_CSRFTOKEN=secret)
    assert accepted.status_code == 200 and accepted.json()["narrative"] == "Com CSRF."


def test_token_authentication_needs_no_csrf(api_world):
    token = Token.objects.create(user=api_world.users.mjsp)
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/reports/{api_world.reports.draft.pk}/"
    assert client.patch(url, {"narrative": "Por token."}, format="json").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token invalido")
    assert client.get("/api/v1/plans/").status_code == 401
