"""Parity of CONATRAP (8 + 8), ending a seat, alerts for the secretariat, terms about to end."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.network.committee_selectors import committee_page
from pnetp.network.models import Segment
from pnetp.network.services.committees import parity, seat_end, seat_fill

from .committees_data import TERM_END, TODAY, build_conatrap

DAY = timedelta(days=1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def conatrap(db):
    return build_conatrap()


def test_conatrap_parity_is_met_with_eight_and_eight(conatrap):
    check = parity(conatrap.committee, TODAY)
    assert check.met and check.label == "paridade: 8 governo, 8 sociedade civil"
    assert (check.vacant, check.other, check.alerts) == (0, 1, [])


def test_ending_a_civil_society_seat_breaks_parity_and_alerts_the_secretariat(conatrap, client):
    civil = next(s for s in conatrap.seats if s.segment == Segment.CIVIL_SOCIETY)
    seat_end(conatrap.users["secretariat"], civil, end_date=TODAY - 6 * DAY, reason="Renúncia")
    check = parity(conatrap.committee, TODAY)
    assert not check.met and check.label == "paridade: 8 governo, 7 sociedade civil"
    assert (check.vacant_government, check.vacant_civil_society) == (0, 1)
    assert check.alerts == [
        "Paridade rompida: paridade: 8 governo, 7 sociedade civil.",
        "Assentos vagos: 0 do governo, 1 da sociedade civil.",
    ]
    # the day before the member left, parity was met: the record keeps the past composition
    assert parity(conatrap.committee, TODAY - 7 * DAY).met
    for name in ("secretariat", "executive", "coord"):
        assert committee_page(conatrap.users[name], conatrap.committee).alerts, name
    for name in ("member", "focal"):
        assert committee_page(conatrap.users[name], conatrap.committee).alerts == [], name
    client.force_login(conatrap.users["executive"])
    page = client.get("/rede/comites/conatrap/").content.decode()
    assert "Paridade rompida" in page and "Alertas para a secretaria-executiva" in page
    client.logout()
    page = client.get("/rede/comites/conatrap/").content.decode()
    assert "paridade: 8 governo, 7 sociedade civil" in page and "Alertas para a secretaria-executiva" not in page


def test_public_page_shows_composition_and_parity(conatrap, client):
    page = client.get("/rede/comites/conatrap/").content.decode()
    assert "paridade: 8 governo, 8 sociedade civil" in page and "Paridade atendida" in page
    assert page.count("Pessoa Fictícia") == 16
    assert "Portaria MJSP nº 959/2025" in page


def test_terms_ending_within_sixty_days_are_alerts(conatrap):
    assert parity(conatrap.committee, TERM_END - 60 * DAY).alerts[0].startswith("Mandato de Pessoa Fictícia")
    assert len(parity(conatrap.committee, TERM_END - 60 * DAY).ending_soon) == 16
    assert parity(conatrap.committee, TERM_END - 61 * DAY).ending_soon == []
    assert not parity(conatrap.committee, TERM_END + DAY).met  # every term over


def test_only_the_secretariat_and_the_coordination_change_seats(conatrap):
    seat = conatrap.seats[0]
    for name in ("member", "focal"):
        with pytest.raises(PermissionDenied):
            seat_end(conatrap.users[name], seat, end_date=TODAY)
        with pytest.raises(PermissionDenied):
            seat_fill(conatrap.users[name], conatrap.committee, data={})
    with pytest.raises(ValidationError):
        seat_end(conatrap.users["coord"], seat, end_date=date(2020, 1, 1))
    data = {"segment": Segment.GOVERNMENT, "role": "holder", "institution": seat.institution, "position": "membro",
            "term_start": TODAY}  # fmt: skip
    with pytest.raises(ValidationError, match="já tem um titular"):
        seat_fill(conatrap.users["coord"], conatrap.committee, data=data)
    seat_end(conatrap.users["coord"], seat, end_date=TODAY)
    seat_fill(conatrap.users["coord"], conatrap.committee, data={**data, "person_name": "Sucessora Fictícia"})
    assert parity(conatrap.committee, TODAY).met
    with pytest.raises(ValidationError, match="já foi encerrado"):
        seat_end(conatrap.users["coord"], seat, end_date=TODAY)
