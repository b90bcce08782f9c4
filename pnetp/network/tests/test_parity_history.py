"""Months with parity broken, read back from seats that end and are replaced mid-month."""

from datetime import date

import pytest

from pnetp.institutions.models import Institution
from pnetp.network.models import Committee, CommitteeKind, Seat, SeatRole, Segment
from pnetp.network.parity_history import parity_broken_months

pytestmark = pytest.mark.django_db
START = date(2025, 1, 1)


@pytest.fixture
def committee(db):
    """2 + 2 holders from 1 January 2025, no term end."""
    committee = Committee.objects.create(slug="c", name="Comitê fictício", kind=CommitteeKind.NATIONAL,
                                         parity_government=2, parity_civil_society=2)  # fmt: skip
    for n, segment in enumerate([Segment.GOVERNMENT] * 2 + [Segment.CIVIL_SOCIETY] * 2):
        institution = Institution.objects.create(acronym=f"I{n}", name=f"Instituição {n}", kind="federal")
        Seat.objects.create(committee=committee, segment=segment, institution=institution, term_start=START)
    return committee


def _replace(committee, segment, left: date, successor_from: date | None, role=SeatRole.HOLDER):
    seat = committee.seats.filter(segment=segment, role=role, end_date__isnull=True).first()
    seat.end_date = left
    seat.save()
    if successor_from:
        Seat.objects.create(committee=committee, segment=segment, role=role, institution=seat.institution,
                            term_start=successor_from)  # fmt: skip


def test_full_composition_breaks_no_month(committee):
    months = parity_broken_months(committee, 2025, today=date(2026, 3, 1))
    assert (months.observed, months.broken, months.reference_date) == (list(range(1, 13)), [], date(2025, 12, 31))


def test_replaced_the_same_day_leaves_no_gap(committee):
    _replace(committee, Segment.CIVIL_SOCIETY, date(2025, 3, 15), date(2025, 3, 15))
    assert parity_broken_months(committee, 2025, today=date(2026, 1, 1)).broken == []


def test_replaced_days_later_breaks_that_month_only(committee):
    _replace(committee, Segment.CIVIL_SOCIETY, date(2025, 3, 15), date(2025, 3, 20))
    assert parity_broken_months(committee, 2025, today=date(2026, 1, 1)).broken == [3]


def test_a_vacancy_across_months_breaks_each_month(committee):
    _replace(committee, Segment.GOVERNMENT, date(2025, 5, 31), date(2025, 7, 2))
    assert parity_broken_months(committee, 2025, today=date(2026, 1, 1)).broken == [5, 6, 7]


def test_alternates_and_expired_terms(committee):
    _replace(committee, Segment.GOVERNMENT, date(2025, 8, 10), date(2025, 8, 10), role=SeatRole.HOLDER)
    Seat.objects.create(
        committee=committee,
        segment=Segment.CIVIL_SOCIETY,
        role=SeatRole.ALTERNATE,
        institution=Institution.objects.first(),
        term_start=date(2025, 9, 1),
        end_date=date(2025, 9, 2),
    )
    assert parity_broken_months(committee, 2025, today=date(2026, 1, 1)).broken == []  # alternates do not count
    seat = committee.seats.filter(segment=Segment.CIVIL_SOCIETY, role=SeatRole.HOLDER).first()
    seat.term_end = date(2025, 10, 31)  # the term expires; nobody designated
    seat.save()
    assert parity_broken_months(committee, 2025, today=date(2026, 1, 1)).broken == [11, 12]


def test_current_year_stops_at_the_reference_date_and_before_the_first_seat(committee):
    months = parity_broken_months(committee, 2026, today=date(2026, 4, 10))
    assert (months.observed, months.reference_date) == ([1, 2, 3, 4], date(2026, 4, 10))
    _replace(committee, Segment.CIVIL_SOCIETY, date(2026, 4, 11), None)  # after the reference date
    assert parity_broken_months(committee, 2026, today=date(2026, 4, 10)).broken == []
    assert parity_broken_months(committee, 2024, today=date(2026, 4, 10)).observed == []  # before the first seat


def test_committee_and_meetings_pages_show_the_months_with_their_reference_date(committee, client):
    _replace(committee, Segment.CIVIL_SOCIETY, date(2025, 3, 15), date(2025, 3, 20))
    for url in ("/rede/comites/c/?ano=2025", "/rede/comites/c/reunioes/?ano=2025"):
        page = client.get(url).content.decode()
        assert "Meses com paridade rompida: 1 de 12 observados (03/2025)." in page, url
        assert "Data de referência: 31/12/2025." in page and "Reuniões ordinárias realizadas: 0 de 4 previstas." in page
