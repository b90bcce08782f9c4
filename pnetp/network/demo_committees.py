"""Demo data of the committee management (``pnetp demo``, after ``demo._committees``): the demo account
``comite`` holds CONATRAP's secretaria-executiva seat, one civil-society term ends within 60 days (the
secretariat's alert and reminder), and CONATRAP's closed selection process (edital) of its civil-society seats.
Fictitious organisations and CNPJs (valid check digits only); idempotent."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pnetp.accounts.models import User

from .cnpj import check_digits
from .models import Candidate, CandidateStatus, Committee, Position, SeatRole, Segment, SelectionProcess

ENDING_IN_DAYS = 45


def _fictitious_cnpj(n: int) -> str:
    base = f"{90000000 + n:08d}0001"
    return base + check_digits(base)


def _secretariat_account(conatrap: Committee) -> None:
    user = User.objects.filter(username="comite").first()
    if user is not None:
        conatrap.seats.filter(position=Position.EXECUTIVE_SECRETARY, end_date__isnull=True).update(user=user)


def _term_ending_soon(conatrap: Committee, today: date) -> None:
    seat = conatrap.seats.filter(segment=Segment.CIVIL_SOCIETY, role=SeatRole.HOLDER, end_date__isnull=True).last()
    if seat is not None:
        seat.term_end = today + timedelta(days=ENDING_IN_DAYS)
        seat.save(update_fields=["term_end"])


def _selection(conatrap: Committee) -> SelectionProcess:
    process, _created = SelectionProcess.objects.update_or_create(
        committee=conatrap, call_number="1/2025",
        defaults={
            "title": "Seleção das organizações da sociedade civil para o biênio 2025–2027 (demonstração)",
            "call_url": "https://www.gov.br/mj/pt-br", "registration_start": date(2025, 4, 1),
            "registration_end": date(2025, 4, 30), "election_date": date(2025, 6, 10), "holder_seats": 8,
            "alternate_seats": 0, "term_start": date(2025, 7, 1), "term_end": date(2027, 6, 30),
            "closed_at": datetime(2025, 6, 20, 12, tzinfo=ZoneInfo("America/Sao_Paulo")),
        },
    )  # fmt: skip
    seats = conatrap.seats.filter(segment=Segment.CIVIL_SOCIETY, role=SeatRole.HOLDER).select_related("institution")
    for n, seat in enumerate(seats.order_by("pk")[:8], 1):
        Candidate.objects.update_or_create(
            process=process, cnpj=_fictitious_cnpj(n),
            defaults={"name": seat.institution.name, "acronym": seat.institution.acronym, "institution": seat.institution,
                      "status": CandidateStatus.ELECTED_HOLDER, "seat": seat,
                      "contact_email": f"contato{n}@exemplo.org"},
        )  # fmt: skip
    others = [("Rede Fictícia de Apoio a Migrantes", CandidateStatus.QUALIFIED, ""),
              ("Associação Fictícia Sem Documentos", CandidateStatus.DISQUALIFIED, "Estatuto social não apresentado.")]  # fmt: skip
    for n, (name, status, reason) in enumerate(others, 9):
        Candidate.objects.update_or_create(
            process=process, cnpj=_fictitious_cnpj(n), defaults={"name": name, "status": status, "reason": reason}
        )
    return process


def load(today: date) -> None:
    conatrap = Committee.objects.get(slug="conatrap")
    _secretariat_account(conatrap)
    _term_ending_soon(conatrap, today)
    _selection(conatrap)
