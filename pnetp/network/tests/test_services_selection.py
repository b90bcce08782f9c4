"""Civil-society selection processes: CNPJ check digits, registration and status, closing creates the seats,
only the committee's managers act, and the public pages show results but no contacts."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.network.cnpj import clean_cnpj, format_cnpj
from pnetp.network.models import CandidateStatus, SeatRole, Segment
from pnetp.network.services.committees import parity, seat_end
from pnetp.network.services.selection import candidate_save, process_close, process_save

from .committees_data import TODAY, build_conatrap

pytestmark = pytest.mark.django_db
VALID = ["11.222.333/0001-81", "11444777000161", "45.723.174/0001-10"]


@pytest.fixture
def conatrap(db):
    return build_conatrap()


def _process(conatrap, user="secretariat", **extra):
    data = {"title": "Seleção fictícia da sociedade civil 2026–2028", "call_number": "1/2026",
            "registration_start": TODAY - timedelta(days=60), "registration_end": TODAY - timedelta(days=30),
            "election_date": TODAY - timedelta(days=10), "holder_seats": 1, "alternate_seats": 1,
            "term_start": TODAY, "term_end": TODAY + timedelta(days=730), **extra}  # fmt: skip
    return process_save(conatrap.users[user], conatrap.committee, data=data)


def _register(conatrap, process, cnpj, name, status=CandidateStatus.REGISTERED, reason=""):
    data = {
        "name": name,
        "cnpj": cnpj,
        "contact_email": "contato.ficticio@example.org",
        "status": status,
        "reason": reason,
    }
    return candidate_save(conatrap.users["secretariat"], process, data=data)


@pytest.mark.parametrize("value", VALID)
def test_valid_cnpjs(value):
    digits = clean_cnpj(value)
    assert len(digits) == 14 and clean_cnpj(format_cnpj(digits)) == digits


@pytest.mark.parametrize("value,message", [
    ("11.222.333/0001-82", "dígitos verificadores"), ("11111111111111", "dígitos verificadores"),
    ("1122233300018", "14 dígitos"), ("", "14 dígitos"), ("11.222.333/0001-8A", "14 dígitos"),
])  # fmt: skip
def test_invalid_cnpjs(value, message):
    with pytest.raises(ValidationError, match=message):
        clean_cnpj(value)


def test_only_managers_run_a_process(conatrap):
    for name in ("member", "focal"):
        with pytest.raises(PermissionDenied):
            _process(conatrap, name)
    process = _process(conatrap)
    for name in ("member", "focal"):
        with pytest.raises(PermissionDenied):
            candidate_save(conatrap.users[name], process, data={"name": "X", "cnpj": VALID[0]})
        with pytest.raises(PermissionDenied):
            process_close(conatrap.users[name], process)


def test_registration_status_and_closing_create_the_seats(conatrap):
    civil = next(s for s in conatrap.seats if s.segment == Segment.CIVIL_SOCIETY)
    seat_end(conatrap.users["coord"], civil, end_date=TODAY, reason="Fim do mandato")
    assert not parity(conatrap.committee, TODAY).met
    process = _process(conatrap)
    a = _register(conatrap, process, VALID[0], "Associação Fictícia A")
    with pytest.raises(ValidationError, match="já está inscrito"):
        _register(conatrap, process, "11222333000181", "Outra")
    with pytest.raises(ValidationError, match="motivo"):
        _register(conatrap, process, VALID[1], "Instituto Fictício B", CandidateStatus.DISQUALIFIED)
    _register(
        conatrap, process, VALID[1], "Instituto Fictício B", CandidateStatus.DISQUALIFIED, "Documentação incompleta"
    )
    c = _register(conatrap, process, VALID[2], "Coletivo Fictício C", CandidateStatus.ELECTED_ALTERNATE)
    with pytest.raises(ValidationError, match="Nenhuma organização eleita"):
        process_close(conatrap.users["secretariat"], _process(conatrap, call_number="2/2026"))
    candidate_save(conatrap.users["secretariat"], process, candidate=a,
                   data={"name": a.name, "cnpj": a.cnpj, "status": CandidateStatus.ELECTED_HOLDER})  # fmt: skip
    elected = process_close(conatrap.users["executive"], process)
    assert [(e.name, e.seat.role, e.seat.segment, e.seat.term_start) for e in elected] == [
        ("Associação Fictícia A", SeatRole.HOLDER, Segment.CIVIL_SOCIETY, TODAY),
        ("Coletivo Fictício C", SeatRole.ALTERNATE, Segment.CIVIL_SOCIETY, TODAY),
    ]
    assert elected[0].seat.institution.acronym == "OSC-11222333" and elected[0].seat.designation_act == "Edital 1/2026"
    assert parity(conatrap.committee, TODAY).met  # the elected holder fills the vacancy
    with pytest.raises(ValidationError, match="já foi encerrado"):
        process_close(conatrap.users["secretariat"], process)
    with pytest.raises(ValidationError, match="já foi encerrado"):
        _register(conatrap, process, "11.444.777/0001-61", "Tardia")
    c.refresh_from_db()
    assert c.seat is not None and process.history.count() == 2


def test_more_elected_than_seats_is_refused(conatrap):
    process = _process(conatrap, holder_seats=1, alternate_seats=0)
    _register(conatrap, process, VALID[0], "A", CandidateStatus.ELECTED_HOLDER)
    _register(conatrap, process, VALID[1], "B", CandidateStatus.ELECTED_ALTERNATE)
    with pytest.raises(ValidationError, match="Mais eleitas que vagas"):
        process_close(conatrap.users["secretariat"], process)
    assert not process.candidates.filter(seat__isnull=False).exists()


def test_public_pages_show_results_without_contacts(conatrap, client):
    process = _process(conatrap)
    _register(conatrap, process, VALID[0], "Associação Fictícia A", CandidateStatus.ELECTED_HOLDER)
    for url in ("/rede/comites/conatrap/editais/", process.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Associação Fictícia A" in page and "contato.ficticio@example.org" not in page, url
    assert "11.222.333/0001-81" in client.get(process.get_absolute_url()).content.decode()
    client.force_login(conatrap.users["secretariat"])
    assert "contato.ficticio@example.org" in client.get(process.get_absolute_url()).content.decode()


def test_the_form_gives_field_errors_in_portuguese(conatrap, client):
    process = _process(conatrap)
    client.force_login(conatrap.users["secretariat"])
    url = f"/rede/comites/conatrap/editais/{process.pk}/inscricoes/nova/"
    response = client.post(url, {"name": "Org", "cnpj": "11.222.333/0001-00", "status": "inabilitada"})
    errors = response.context["form"].errors
    assert errors["cnpj"] == ["CNPJ inválido: os dígitos verificadores não conferem."]
    assert errors["reason"] == ["Informe o motivo da inabilitação."]
    assert client.post(url, {"name": "Org", "cnpj": VALID[0], "status": "inscrita"}).status_code == 302
    response = client.post(url, {"name": "Org 2", "cnpj": VALID[0], "status": "inscrita"})
    assert response.context["form"].errors["cnpj"] == ["Este CNPJ já está inscrito neste processo."]
    response = client.post(f"/rede/comites/conatrap/editais/{process.pk}/encerrar/")
    assert response.status_code == 302  # refused (nobody elected): back to the page with a message
    assert "Nenhuma organização eleita" in client.get(response["Location"]).content.decode()
