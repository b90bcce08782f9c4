"""Evidence upload checks and who may download which file."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pnetp.monitoring.models import Evidence
from pnetp.monitoring.services import evidence_files

from .test_web_fixtures import login, media, pdf, scene  # noqa: F401  (fixtures)


def add(client, report, **data):
    return client.post(reverse("monitoring_web:evidence_add", args=[report.pk]), {"title": "Prova", **data})


def errors(response) -> str:
    return " ".join(str(e) for e in response.context["form"].errors.values())


@pytest.mark.parametrize(
    "data, message",
    [
        ({"file": SimpleUploadedFile("virus.exe", b"MZ")}, "Tipo de arquivo não permitido (.exe)"),
        ({"file": SimpleUploadedFile("pagina.html", b"<script>")}, "Tipo de arquivo não permitido (.html)"),
        ({}, "Informe um arquivo ou um endereço (URL), e apenas um deles."),
        ({"file": pdf(), "url": "https://www.gov.br/x"}, "Informe um arquivo ou um endereço (URL), e apenas um deles."),
        ({"url": "javascript:alert(1)"}, "Insira um URL válido."),
    ],
)
def test_invalid_evidence_is_refused_in_portuguese(client, scene, data, message):
    login(client, scene.world, "focal")
    before = Evidence.objects.count()
    response = add(client, scene.draft, **data)
    assert response.status_code == 200
    assert message in errors(response)
    assert Evidence.objects.count() == before


def test_size_limit(client, scene, monkeypatch):
    monkeypatch.setattr(evidence_files, "MAX_EVIDENCE_BYTES", 1024)
    login(client, scene.world, "focal")
    response = add(client, scene.draft, file=pdf("grande.pdf", size=2048))
    assert "O arquivo tem 2,0\xa0KB; o limite é 1,0\xa0KB." in errors(response)
    assert add(client, scene.draft, file=pdf("pequeno.pdf", size=512)).status_code == 302


def test_files_are_not_published_under_media_url(client, scene):
    """No public MEDIA URL: the file is reachable only through the download view and its checks."""
    name = scene.private_approved.file.name
    assert client.get(settings.MEDIA_URL + name).status_code == 404
    login(client, scene.world, "analyst")
    assert client.get(reverse("monitoring_web:evidence_file", args=[scene.private_approved.pk])).status_code == 403


def test_focal_point_of_a_partner_cannot_read_the_lead_private_file(client, scene):
    # MDHC is a partner of 1.1.1 but the report belongs to MJSP.
    client.force_login(scene.world.users.mdhc)
    assert client.get(reverse("monitoring_web:evidence_file", args=[scene.private_file.pk])).status_code == 403


def test_anonymous_sees_public_evidence_of_approved_reports_only(client, scene):
    ok = client.get(reverse("monitoring_web:evidence_file", args=[scene.public_approved.pk]))
    assert ok.status_code == 200 and ok["Content-Disposition"] == 'attachment; filename="cartilha.pdf"'
    assert ok["Cache-Control"] == "private, no-store"
    for evidence in (scene.public_pending, scene.private_approved, scene.private_file):
        response = client.get(reverse("monitoring_web:evidence_file", args=[evidence.pk]))
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_removing_evidence_and_flags_on_the_report_page(client, scene):
    login(client, scene.world, "focal")
    body = client.get(reverse("monitoring_web:report", args=[scene.draft.pk])).content.decode()
    assert "Privada" in body and "Pública" in body
    assert reverse("monitoring_web:evidence_file", args=[scene.private_file.pk]) in body
    assert 'href="https://www.gov.br/noticia"' in body

    response = client.post(reverse("monitoring_web:evidence_remove", args=[scene.link.pk]), follow=True)
    assert "Evidência “Notícia” removida." in response.content.decode()
    assert not Evidence.objects.filter(pk=scene.link.pk).exists()

    # A submitted report keeps its evidence.
    response = client.post(reverse("monitoring_web:evidence_remove", args=[scene.public_pending.pk]), follow=True)
    assert "aguarda a análise da coordenação" in response.content.decode()
    assert Evidence.objects.filter(pk=scene.public_pending.pk).exists()
