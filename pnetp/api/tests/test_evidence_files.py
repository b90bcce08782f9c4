"""Evidence files: the API refuses what the web form refuses, and every link given opens only for allowed users."""

import dataclasses
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pnetp.monitoring.models import Evidence
from pnetp.monitoring.reports.assembly import build_cycle_report
from pnetp.monitoring.reports.data import EvidenceLink
from pnetp.monitoring.web.forms import EvidenceForm
from pnetp.portal.services.opendata import RESOURCES, to_csv

from .conftest import user_for


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("pagina.html", 100, "Tipo de arquivo não permitido (.html)."),
        ("imagem.svg", 100, "Tipo de arquivo não permitido (.svg)."),
        ("sem-extensao", 100, "Tipo de arquivo não permitido (.?)."),
        ("grande.pdf", 11 * 1024 * 1024, "O arquivo tem 11,0\xa0MB; o limite é 10,0\xa0MB."),
    ],
)
def test_api_refuses_exactly_what_the_web_form_refuses(api_world, client_as, media, name, size, message):
    before = Evidence.objects.count()
    url = f"/api/v1/reports/{api_world.reports.draft.pk}/evidence/"
    response = client_as("focal_point").post(
        url, {"title": "Anexo", "file": SimpleUploadedFile(name, b"x" * size)}, format="multipart"
    )
    assert response.status_code == 400 and response.json()["file"][0].startswith(message)
    assert Evidence.objects.count() == before
    form = EvidenceForm({"title": "Anexo"}, {"file": SimpleUploadedFile(name, b"x" * size)})
    assert not form.is_valid() and form.errors["file"] == response.json()["file"]


def test_api_accepts_an_allowed_file_at_the_cap(api_world, client_as, media):
    url = f"/api/v1/reports/{api_world.reports.draft.pk}/evidence/"
    upload = SimpleUploadedFile("lista.PDF", b"x" * (10 * 1024 * 1024))
    response = client_as("focal_point").post(url, {"title": "Lista", "file": upload}, format="multipart")
    assert response.status_code == 201, response.content


@pytest.fixture
def file_evidence(api_world, media):
    approved = api_world.reports.approved
    public = Evidence.objects.create(
        report=approved, title="Cartaz público", is_public=True, file=SimpleUploadedFile("cartaz.pdf", b"%PDF-1.4 a")
    )
    private = Evidence.objects.create(
        report=approved, title="Lista interna", file=SimpleUploadedFile("lista.pdf", b"%PDF-1.4 b")
    )
    return public, private


def status_for(api_world, role, path) -> int:
    client = Client()
    user = user_for(api_world, role)
    if user is not None:
        client.force_login(user)
    return client.get(path).status_code


def api_file_links(client, report) -> dict[str, str]:
    evidence = client.get(f"/api/v1/reports/{report.pk}/").json()["evidence"]
    return {item["title"]: urlsplit(item["file"]).path for item in evidence if item["file"]}


def test_api_links_open_for_allowed_users_only(api_world, client_as, file_evidence):
    public, private = file_evidence
    report = api_world.reports.approved
    links = api_file_links(client_as("coordination"), report)
    assert set(links) == {"Cartaz público", "Lista interna"}
    assert all(not path.startswith("/media/") for path in links.values())
    assert api_file_links(client_as("anonymous"), report) == {"Cartaz público": links["Cartaz público"]}
    for role in ("anonymous", "coordination", "focal_point", "other_focal_point", "analyst"):
        assert status_for(api_world, role, links["Cartaz público"]) == 200, role
    assert status_for(api_world, "coordination", links["Lista interna"]) == 200
    assert status_for(api_world, "focal_point", links["Lista interna"]) == 200
    assert status_for(api_world, "other_focal_point", links["Lista interna"]) == 403
    assert status_for(api_world, "analyst", links["Lista interna"]) == 403
    assert status_for(api_world, "anonymous", links["Lista interna"]) == 302  # to the sign-in page, no file


def evidence_links(value) -> list[EvidenceLink]:
    if isinstance(value, EvidenceLink):
        return [value]
    if dataclasses.is_dataclass(value):
        return [link for f in dataclasses.fields(value) for link in evidence_links(getattr(value, f.name))]
    if isinstance(value, list | tuple):
        return [link for item in value for link in evidence_links(item)]
    if isinstance(value, dict):
        return [link for item in value.values() for link in evidence_links(item)]
    return []


def test_cycle_report_and_open_data_links_open(api_world, file_evidence):
    public, _private = file_evidence
    report = build_cycle_report(api_world.cycle, base_url="http://testserver/")
    files = [e.link for e in evidence_links(report) if "exemplo.gov.br" not in e.link]
    assert files == [f"http://testserver{public.link}"]
    assert status_for(api_world, "anonymous", urlsplit(files[0]).path) == 200
    reports = next(r for r in RESOURCES if r.name == "relatorios_aprovados")
    assert public.link in to_csv(reports).decode()
    assert status_for(api_world, "anonymous", public.link) == 200
