"""Training participants: counts by audience, sex and UF public only in aggregate (small counts suppressed), a
named list only for the offering's institution and the coordination, certificates (PDF) checked by code."""

import io
import logging
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from pnetp.monitoring.tests.conftest import make_plan
from pnetp.network.certificates import certificate_pdf
from pnetp.network.models import Participant, Training
from pnetp.network.participant_selectors import public_participants, verify_certificate
from pnetp.network.services.participants import (
    CountRow,
    certificates_issue,
    normalise_code,
    participant_add,
    participant_counts_set,
    participant_remove,
    participant_set_completed,
)
from pnetp.plans.models import Plan

pytestmark = pytest.mark.django_db

NAME, EMAIL = "Joana Fictícia Participante", "joana.participante@example.org"
NAME2, EMAIL2 = "Ruy Inventado Cursista", "ruy.cursista@example.org"


@pytest.fixture
def training(directory):
    return Training.objects.create(
        title="Curso fictício de identificação de vítimas", institution=directory.sedes, audience="social_assistance",
        mode="in_person", uf="DF", start_date=date(2026, 3, 2), end_date=date(2026, 3, 6), workload_hours=40,
    )  # fmt: skip


ROWS = [CountRow("social_assistance", "female", "DF", 25), CountRow("social_assistance", "male", "DF", 12),
        CountRow("police", "female", "GO", 3), CountRow("police", "male", "--", 0)]  # fmt: skip


def test_who_may_write_participants(directory, training):
    for role in ("other_focal", "professional", "analyst"):
        with pytest.raises(PermissionDenied):
            participant_counts_set(directory.users[role], training, rows=ROWS)
        with pytest.raises(PermissionDenied):
            participant_add(directory.users[role], training, name=NAME)
    participant_counts_set(directory.users["focal"], training, rows=ROWS)  # the offering's institution
    participant_add(directory.users["coord"], training, name=NAME, email=EMAIL)
    assert training.named_participants.count() == 1


def test_counts_set_the_total_and_are_checked(directory, training):
    focal = directory.users["focal"]
    participant_counts_set(focal, training, rows=ROWS)
    training.refresh_from_db()
    assert training.participants == 40 and training.participant_counts.count() == 3  # the zero row is dropped
    with pytest.raises(ValidationError) as error:
        participant_counts_set(focal, training, rows=[CountRow("police", "female", "ZZ", 3), CountRow("police", "x", "DF", 1),
                                                      CountRow("police", "female", "ZZ", 2)])  # fmt: skip
    assert error.value.messages == ["Linha 1: UF inválida (use a sigla ou “--”).", "Linha 2: sexo inválido.",
                                    "Linha 3: UF inválida (use a sigla ou “--”).", "Linha 3: público, sexo e UF repetidos."]  # fmt: skip
    participant_counts_set(focal, training, rows=ROWS[:1])
    training.refresh_from_db()
    assert training.participants == 25 and training.participant_counts.count() == 1
    assert training.history.latest().history_user == focal


def test_public_tables_suppress_small_counts(directory, training, client):
    participant_counts_set(directory.users["focal"], training, rows=ROWS)
    public = public_participants(training, k=11)
    assert public.total == 40
    tables = {t.title: dict(t.rows) for t in public.tables}
    assert tables["Por sexo"] == {"Feminino": "28", "Masculino": "12"}
    # 3 police officers from GO are a small count, shown as the range "1 a 10"; the other cell of each table then
    # goes too (derivable from the total), as "X": known to be 11 or more, which leaves the range whole
    assert tables["Por público"] == {"Polícias": "1 a 10", "Assistência social": "X"}
    assert tables["Por UF"] == {"DF": "X", "GO": "1 a 10"}
    page = client.get(f"/rede/capacitacoes/{training.pk}/").content.decode()
    assert "Participantes: Por UF" in page
    assert 'text-right">3<' not in page and 'text-right">37<' not in page and 'text-right">X<' in page
    small = Training.objects.create(title="Oficina fictícia", audience="police", mode="online",
                                    start_date=date(2026, 4, 1), participants=4)  # fmt: skip
    assert public_participants(small).total is None
    listing = client.get("/rede/capacitacoes/").content.decode()
    assert "Oficina fictícia" in listing and '<td class="text-right">X</td>' in listing
    assert '<td class="text-right">40</td>' in listing


def _named(directory, training):
    coord = directory.users["coord"]
    joana = participant_add(coord, training, name=NAME, email=EMAIL, institution_name="CREAS fictício", completed=True)
    ruy = participant_add(coord, training, name=NAME2, email=EMAIL2)
    return joana, ruy


def test_certificates_only_for_who_completed_and_checked_by_code(directory, training, client):
    joana, ruy = _named(directory, training)
    with pytest.raises(PermissionDenied):
        certificates_issue(directory.users["other_focal"], training)
    assert certificates_issue(directory.users["focal"], training) == 1
    joana.refresh_from_db()
    ruy.refresh_from_db()
    assert joana.certificate_code and ruy.certificate_code is None
    with pytest.raises(ValidationError):
        participant_set_completed(directory.users["focal"], joana, completed=False)
    with pytest.raises(ValidationError):
        participant_remove(directory.users["focal"], joana)

    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(certificate_pdf(directory.users["focal"], joana))).pages
    )
    for expected in (
        NAME,
        "Curso fictício de identificação de vítimas",
        "02/03/2026 a 06/03/2026",
        "40 horas",
        joana.certificate_code,
        "/rede/capacitacoes/certificados/verificar/",
    ):
        assert expected in text, expected
    with pytest.raises(PermissionDenied):
        certificate_pdf(directory.users["other_focal"], joana)

    assert verify_certificate(joana.certificate_code).workload_hours == 40
    typed = joana.certificate_code.lower().replace("-", " ")
    assert normalise_code(typed) == joana.certificate_code
    page = client.get("/rede/capacitacoes/certificados/verificar/", {"codigo": typed}).content.decode()
    assert "Certificado válido." in page and "Curso fictício de identificação de vítimas" in page
    assert "02/03/2026 – 06/03/2026" in page and "40 horas" in page
    assert NAME not in page and EMAIL not in page
    wrong = client.get("/rede/capacitacoes/certificados/verificar/", {"codigo": "AAAA-BBBB-CCCC"}).content.decode()
    assert "Nenhum certificado válido com este código." in wrong and "Certificado válido." not in wrong


def test_named_list_pages_least_privilege_and_logged(directory, training, client, caplog):
    joana, _ruy = _named(directory, training)
    certificates_issue(directory.users["coord"], training)
    joana.refresh_from_db()
    url = f"/rede/capacitacoes/{training.pk}/participantes/"
    pdf = f"/rede/capacitacoes/participantes/{joana.pk}/certificado.pdf"
    assert client.get(url).status_code == 302
    assert client.get(pdf).status_code == 302
    for role in ("other_focal", "professional", "analyst"):
        client.force_login(directory.users[role])
        assert client.get(url).status_code == 403
        assert client.get(pdf).status_code == 403
        assert client.post(f"/rede/capacitacoes/participantes/{joana.pk}/acao/", {"acao": "remover"}).status_code == 403
    client.force_login(directory.users["focal"])
    with caplog.at_level(logging.INFO, logger="pnetp.network.participants"):
        page = client.get(url).content.decode()
    assert NAME in page and EMAIL in page
    assert [(r.training_id, r.rows) for r in caplog.records if r.name == "pnetp.network.participants"] == [
        (training.pk, 2)
    ]
    assert NAME not in caplog.text and EMAIL not in caplog.text
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "private, no-store"
    data = {"form": "contagens", "c-TOTAL_FORMS": "2", "c-INITIAL_FORMS": "0", "c-0-audience": "police",
            "c-0-sex": "female", "c-0-uf": "DF", "c-0-count": "14", "c-1-audience": "police"}  # fmt: skip
    assert "Preencha público, sexo, UF e número" in client.post(url, data).content.decode()
    data.pop("c-1-audience")
    assert client.post(url, data).status_code == 302
    training.refresh_from_db()
    assert training.participants == 14
    client.post(url, {"form": "participante", "name": "Terceira Pessoa Fictícia", "email": "terceira@example.org"})
    assert training.named_participants.count() == 3


def test_no_public_output_holds_a_participant_name_or_email(directory, training, client):
    joana, _ruy = _named(directory, training)
    participant_counts_set(directory.users["coord"], training, rows=ROWS)
    certificates_issue(directory.users["coord"], training)
    joana.refresh_from_db()
    plan, _axes, _actions, activities = make_plan()
    plan.status = Plan.Status.PUBLISHED
    plan.save()
    training.activities.add(activities["1.1.1"])
    urls = [
        "/rede/capacitacoes/",
        f"/rede/capacitacoes/{training.pk}/",
        "/rede/especialistas/",
        "/rede/",
        f"/rede/capacitacoes/certificados/verificar/?codigo={joana.certificate_code}",
        f"/plano/{plan.slug}/1.1.1/",
        "/api/v1/network/units/",
        "/api/v1/network/channels/",
        "/transparencia/dados/datapackage.json",
        "/transparencia/dados/pnetp-dados-abertos.zip",
        "/busca/?q=Cursista",
        "/rede/eventos/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for secret in (NAME, EMAIL, NAME2, EMAIL2, "Joana", "joana"):
            assert secret.encode() not in body, (url, secret)
    assert Participant.objects.filter(name=NAME).exists()
