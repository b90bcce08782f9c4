"""Every network page × every role → the expected answer (see pnetp/monitoring/tests/test_web_permissions.py)."""

from datetime import date

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from django.utils import timezone

from pnetp.core.tests.shared_data import fresh, shared
from pnetp.network.models import AgendaItem, Candidate, Decision, Meeting, SelectionProcess
from pnetp.territory.loader import load_territory
from pnetp.territory.models import Municipality

from .committees_data import build_conatrap
from .conftest import build_directory

OK, LOGIN, DENIED, MISSING = "200", "login", "403", "404"
ROLES = ["anonymous", "coord", "focal", "other_focal", "professional", "analyst", "secretariat"]
PUBLIC = dict.fromkeys(ROLES, OK)


def only(allowed: dict, default: str = DENIED) -> dict:
    return {"anonymous": LOGIN, **{role: default for role in ROLES[1:]}, **allowed}


def _build(folder):
    if not Municipality.objects.filter(pk=5300108).exists():
        load_territory(boundaries=False)
    directory = build_directory()
    conatrap = build_conatrap()
    directory.users["secretariat"] = conatrap.users["secretariat"]
    directory.seat = conatrap.seats[0]
    directory.meeting = Meeting.objects.create(committee=conatrap.committee, number=1, starts_at=timezone.now())
    directory.item = AgendaItem.objects.create(meeting=directory.meeting, order=1, title="Item fictício")
    directory.decision = Decision.objects.create(
        meeting=directory.meeting, number="F-1", text="Deliberação fixa", responsible=directory.sedes
    )
    directory.process = SelectionProcess.objects.create(
        committee=conatrap.committee, title="Seleção fictícia", call_number="1/2026", registration_start=date(2026, 1, 5),
        registration_end=date(2026, 2, 5), holder_seats=8, alternate_seats=8,
    )  # fmt: skip
    directory.candidate = Candidate.objects.create(process=directory.process, name="Associação Fictícia", cnpj="11222333000181",
                                                   contact_email="contato.secreto@example.org")  # fmt: skip
    return directory


shared_directory = shared(_build)


@pytest.fixture
def d(shared_directory, db):
    return fresh(shared_directory)


CASES = [
    ("/rede/", PUBLIC),
    ("/rede/?uf=DF&tipo=shelter&servico=accommodation&q=casa", PUBLIC),
    ("/rede/unidades.csv", PUBLIC),
    ("/rede/unidades.json", PUBLIC),
    ("/rede/atualizacao/", PUBLIC),
    ("/rede/onde-denunciar/", PUBLIC),
    ("/rede/capacitacoes/", PUBLIC),
    ("/rede/especialistas/", PUBLIC),
    ("/rede/materiais/", PUBLIC),
    ("/rede/acordos/", PUBLIC),
    ("/rede/eventos/?ano=2026", PUBLIC),
    ("/api/v1/network/units/", PUBLIC),
    ("/api/v1/network/channels/", PUBLIC),
    (lambda d: f"/rede/unidades/{d.shelter.pk}/", PUBLIC),
    ("/rede/unidades/999999/", dict.fromkeys(ROLES, MISSING)),
    ("/rede/unidades/nova/", only({"coord": OK, "focal": OK, "other_focal": OK, "secretariat": OK})),  # focal points
    (lambda d: f"/rede/unidades/{d.shelter.pk}/editar/", only({"coord": OK, "focal": OK})),
    (lambda d: f"/rede/unidades/{d.netp.pk}/editar/", only({"coord": OK, "other_focal": OK})),
    ("/rede/importar/", only({"coord": OK})),
    ("/rede/comites/", PUBLIC),
    ("/rede/comites/conatrap/", PUBLIC),
    ("/rede/comites/nenhum/", dict.fromkeys(ROLES, MISSING)),
    ("/rede/cobertura/", PUBLIC),
    ("/rede/comites/conatrap/reunioes/", PUBLIC),
    ("/rede/comites/conatrap/reunioes/?ano=2025", PUBLIC),
    ("/rede/comites/conatrap/reunioes.ics", PUBLIC),
    (lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/", PUBLIC),
    (lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}.ics", PUBLIC),
    ("/rede/comites/conatrap/reunioes/nova/", only({"coord": OK, "secretariat": OK})),
    (lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/presencas/", only({"coord": OK, "secretariat": OK})),
    (lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/ata/", only({"coord": OK, "secretariat": OK})),
    (
        lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/deliberacoes/nova/",
        only({"coord": OK, "secretariat": OK}),
    ),
    (lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/convocar/", only({}, default="405")),  # POST only
    ("/rede/comites/conatrap/assentos/novo/", only({"coord": OK, "secretariat": OK})),
    (lambda d: f"/rede/comites/conatrap/assentos/{d.seat.pk}/encerrar/", only({"coord": OK, "secretariat": OK})),
    ("/rede/exportar.csv", only({"coord": OK})),
    ("/rede/comites/gestao/", only({"coord": OK, "secretariat": OK})),
    ("/rede/comites/novo/", only({"coord": OK})),
    ("/rede/comites/deliberacoes/", only({"coord": OK, "focal": OK, "other_focal": OK, "secretariat": OK})),
    ("/rede/comites/conatrap/editar/", only({"coord": OK})),
    ("/rede/comites/nenhum/editar/", only({"coord": MISSING})),
    (lambda d: f"/rede/comites/conatrap/assentos/{d.seat.pk}/editar/", only({"coord": OK, "secretariat": OK})),
    (lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/pauta/", only({"coord": OK, "secretariat": OK})),
    (
        lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/pauta/{d.item.pk}/editar/",
        only({"coord": OK, "secretariat": OK}),
    ),
    (
        lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/pauta/{d.item.pk}/remover/",
        only({"coord": OK, "secretariat": OK}),
    ),
    (lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/pauta/{d.item.pk}/mover/", only({}, default="405")),
    (
        lambda d: f"/rede/comites/conatrap/reunioes/{d.meeting.pk}/deliberacoes/{d.decision.pk}/situacao/",
        only({"coord": OK, "secretariat": OK, "focal": OK}),
    ),
    ("/rede/comites/conatrap/editais/", PUBLIC),
    (lambda d: f"/rede/comites/conatrap/editais/{d.process.pk}/", PUBLIC),
    ("/rede/comites/conatrap/editais/999999/", dict.fromkeys(ROLES, MISSING)),
    ("/rede/comites/conatrap/editais/novo/", only({"coord": OK, "secretariat": OK})),
    (lambda d: f"/rede/comites/conatrap/editais/{d.process.pk}/editar/", only({"coord": OK, "secretariat": OK})),
    (lambda d: f"/rede/comites/conatrap/editais/{d.process.pk}/encerrar/", only({"coord": OK, "secretariat": OK})),
    (
        lambda d: f"/rede/comites/conatrap/editais/{d.process.pk}/inscricoes/nova/",
        only({"coord": OK, "secretariat": OK}),
    ),
    (
        lambda d: f"/rede/comites/conatrap/editais/{d.process.pk}/inscricoes/{d.candidate.pk}/editar/",
        only({"coord": OK, "secretariat": OK}),
    ),
]


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return LOGIN
    return str(response.status_code)


@pytest.mark.parametrize(
    "path,expect", CASES, ids=[c[0] if isinstance(c[0], str) else f"case{i}" for i, c in enumerate(CASES)]
)
@pytest.mark.parametrize("role", ROLES)
def test_role_by_url(client, d, path, expect, role):
    if role != "anonymous":
        client.force_login(d.users[role])
    url = path(d) if callable(path) else path
    assert outcome(client.get(url)) == expect[role]


def test_refused_post_changes_nothing(client, d):
    client.force_login(d.users["other_focal"])
    response = client.post(f"/rede/unidades/{d.shelter.pk}/editar/", {"name": "Tomada", "kind": "shelter"})
    assert response.status_code == 403
    d.shelter.refresh_from_db()
    assert d.shelter.name == "Casa de Acolhida Esperança"


def test_secretariat_ends_a_seat_through_the_form(client, d):
    url = f"/rede/comites/conatrap/assentos/{d.seat.pk}/encerrar/"
    client.force_login(d.users["other_focal"])
    assert client.post(url, {"end_date": "2026-12-01"}).status_code == 403
    client.force_login(d.users["secretariat"])
    assert client.post(url, {"end_date": "2026-12-01", "reason": "Fim"}).status_code == 302
    d.seat.refresh_from_db()
    assert str(d.seat.end_date) == "2026-12-01"


def test_secretariat_records_attendance_and_a_decision_through_the_forms(client, d):
    base = f"/rede/comites/conatrap/reunioes/{d.meeting.pk}"
    client.force_login(d.users["secretariat"])
    form = client.get(f"{base}/presencas/").context["form"]
    data = {name: field.initial or "" for name, field in form.fields.items()}
    assert client.post(f"{base}/presencas/", data).status_code == 302
    assert d.meeting.attendance.count() == len([n for n in data if n.startswith("seat_")])
    response = client.post(f"{base}/deliberacoes/nova/", {"number": "1", "text": "Fictícia", "status": "open"})
    assert response.status_code == 302 and d.meeting.decisions.get(number="1").text == "Fictícia"
    response = client.post(
        f"{base}/deliberacoes/nova/", {"number": "2", "text": "X", "status": "open", "activity_codes": "9.9.9"}
    )
    assert "Atividades não encontradas no plano nacional: 9.9.9." in response.content.decode()
    client.force_login(d.users["other_focal"])
    assert client.post(f"{base}/convocar/").status_code == 403


def test_focal_point_edits_through_the_form(client, d):
    client.force_login(d.users["focal"])
    data = {
        "name": "CREAS Goiânia Centro", "kind": "creas", "institution": d.sedes.pk, "municipality": "5208707",
        "services": ["psychosocial"], "restricted_fields": ["phone"], "phone": "(62) 3524-0000", "active": "on",
    }  # fmt: skip
    response = client.post(f"/rede/unidades/{d.creas.pk}/editar/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    d.creas.refresh_from_db()
    assert (d.creas.services, d.creas.restricted_fields, d.creas.email) == (["psychosocial"], ["phone"], "")
    page = client.get(f"/rede/unidades/{d.creas.pk}/").content.decode()
    assert "(62) 3524-0000" not in page  # restricted: not even its editor sees it on the public page


def test_management_forms_show_field_errors_in_portuguese_and_save(client, d):
    client.force_login(d.users["coord"])
    response = client.post(
        "/rede/comites/novo/",
        {
            "name": "",
            "slug": "x y",
            "kind": "municipal",
            "meeting_every_months": "13",
            "parity_government": "2",
            "parity_civil_society": "2",
            "quorum_percent": "50",
        },
    )
    form = response.context["form"]
    assert form.errors["name"] == ["Este campo é obrigatório."]
    assert form.errors["meeting_every_months"] == ["Informe de 1 a 12 meses."]
    assert "slug" in form.errors
    assert "Verifique os campos do formulário." in response.content.decode()
    data = {"name": "Comitê Municipal Fictício", "slug": "comite-goiania", "kind": "municipal", "municipality": "5208707",
            "meeting_every_months": "2", "parity_government": "3", "parity_civil_society": "3", "quorum_percent": "50",
            "active": "on", "act_url": "https://exemplo.gov.br/ato"}  # fmt: skip
    assert client.post("/rede/comites/novo/", data).status_code == 302
    data["act_name"] = "Decreto fictício nº 1"
    assert client.post("/rede/comites/comite-goiania/editar/", data)["Location"] == "/rede/comites/comite-goiania/"


def test_secretariat_manages_the_agenda_and_a_focal_point_the_status(client, d):
    base = f"/rede/comites/conatrap/reunioes/{d.meeting.pk}"
    client.force_login(d.users["secretariat"])
    response = client.post(f"{base}/pauta/", {"title": "Balanço", "activities": "9.9.9"})
    assert response.context["form"].errors["activities"] == ["Atividades não encontradas no plano nacional: 9.9.9."]
    assert client.post(f"{base}/pauta/", {"title": "Balanço", "presenter": "SENAJUS"}).status_code == 302
    second = d.meeting.agenda.get(title="Balanço")
    assert client.post(f"{base}/pauta/{second.pk}/mover/", {"direction": "up"}).status_code == 302
    assert list(d.meeting.agenda.values_list("title", flat=True).order_by("order")) == ["Balanço", "Item fictício"]
    client.force_login(d.users["other_focal"])
    url = f"{base}/deliberacoes/{d.decision.pk}/situacao/"
    assert client.post(url, {"status": "done"}).status_code == 403
    client.force_login(d.users["focal"])
    response = client.post(url, {"status": "cancelled", "note": ""})
    assert response.context["form"].errors["note"] == ["Explique por que a deliberação foi cancelada."]
    assert client.post(url, {"status": "in_progress", "note": "Em elaboração."}).status_code == 302
    d.decision.refresh_from_db()
    assert (d.decision.status, d.decision.status_note) == ("in_progress", "Em elaboração.")
    assert "Em elaboração." in client.get(d.meeting.get_absolute_url()).content.decode()


def test_contacts_of_registered_organisations_only_for_the_managers(client, d):
    url = f"/rede/comites/conatrap/editais/{d.process.pk}/"
    for role in ROLES:
        if role != "anonymous":
            client.force_login(d.users[role])
        shown = "contato.secreto@example.org" in client.get(url).content.decode()
        assert shown == (role in ("coord", "secretariat")), role
