"""Demo data of the network (``pnetp demo``): about 60 directory units across the UFs (shelters included, their
addresses restricted), the report channels, CONATRAP with 8 + 8 seats and a few state committees, and the
memberships of the demo accounts ``rede.netp`` (NETP São Paulo) and ``rede.creas`` (CREAS São Paulo).
Fictitious names and contacts (see demo_data.py); idempotent."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.management.base import CommandError
from django.utils import timezone

from pnetp.accounts.models import User
from pnetp.institutions.models import Institution
from pnetp.plans.models import Activity
from pnetp.territory.loader import load_territory
from pnetp.territory.models import Country, FederativeUnit, Municipality

from . import demo_committees
from . import demo_data as data
from . import demo_participants
from .models import (
    Agreement,
    Event,
    Material,
    Specialist,
    Training,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Channel,
    Committee,
    CommitteeKind,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingKind,
    MinutesStatus,
    Position,
    Seat,
    SeatRole,
    Segment,
    Unit,
    UnitKind,
    UnitMember,
)

TERM_START, TERM_END = date(2025, 7, 1), date(2027, 6, 30)
NETP_SERVICES = ["psychosocial", "legal", "documentation", "return"]
CREAS_SERVICES = ["psychosocial", "social_benefits", "documentation"]


def _institution(acronym: str, name: str = "", kind: str = "civil_society") -> Institution:
    institution = Institution.objects.filter(acronym=acronym).first()
    if institution is None:
        if not name:
            raise CommandError(f"Instituição {acronym} ausente: carregue as instituições de demonstração antes.")
        institution = Institution.objects.create(acronym=acronym, name=name, kind=kind)
    return institution


def _unit(code: str, **fields) -> Unit:
    unit, _created = Unit.objects.update_or_create(code=code, defaults=fields)
    return unit


def _units(today: date) -> int:
    maintainer = _institution("CGETP")
    ufs = FederativeUnit.objects.select_related("capital").order_by("name")
    count = 0
    for index, uf in enumerate(ufs):
        verified = today.replace(day=1) if index % 4 else date(today.year - 2, 3, 1)  # some out of date
        capital = uf.capital
        _unit(
            f"DEMO-NETP-{uf.abbreviation}", name=f"NETP {uf.name} (demonstração)", kind=UnitKind.NETP,
            municipality=capital, address=f"Rua Fictícia da Cidadania, {100 + index}", services=NETP_SERVICES,
            phone=f"(00) 3000-{index:04d}", opening_hours="segunda a sexta, 8h às 18h", languages="português, espanhol",
            last_verified=verified, maintained_by=maintainer,
        )  # fmt: skip
        count += 1
        if uf.abbreviation in data.CREAS_UFS:
            _unit(
                f"DEMO-CREAS-{uf.abbreviation}", name=f"CREAS Centro — {capital.name} (demonstração)",
                kind=UnitKind.CREAS, municipality=capital, address=f"Avenida Fictícia, {200 + index}",
                services=CREAS_SERVICES, phone=f"(00) 3100-{index:04d}", last_verified=verified,
            )  # fmt: skip
            count += 1
    for code, name, ibge in data.SHELTERS:
        seat = Municipality.objects.get(pk=ibge)
        _unit(
            code, name=name, kind=UnitKind.SHELTER, municipality=seat, services=["accommodation", "psychosocial"],
            address="Endereço sigiloso de demonstração, 1", latitude=seat.latitude + Decimal("0.01"),
            longitude=seat.longitude, phone="(00) 3200-0000", restricted_fields=["phone"], last_verified=today,
        )  # fmt: skip
    for code, name, ibge in data.PAAHMS:
        _unit(code, name=name, kind=UnitKind.PAAHM, municipality_id=ibge, services=["psychosocial", "return"],
              last_verified=today, maintained_by=maintainer)  # fmt: skip
    for code, name, kind, acronym, ibge, services in data.OTHERS:
        _unit(code, name=name, kind=kind, institution=_institution(acronym), municipality_id=ibge, services=services,
              last_verified=today)  # fmt: skip
    for code, name, kind, country, services in data.ABROAD:
        _unit(code, name=name, kind=kind, institution=_institution("MRE") if kind == "posto_consular" else None,
              country=Country.objects.get(pk=country), services=services, languages="português", last_verified=today)  # fmt: skip
    return count + len(data.SHELTERS) + len(data.PAAHMS) + len(data.OTHERS) + len(data.ABROAD)


def _channels() -> None:
    for order, row in enumerate(data.CHANNELS):
        name, kind, contact, link, hours, languages, libras, scope, acronym, responsible, countries, description = row
        channel, _created = Channel.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind, "contact": contact, "link": link, "hours": hours, "languages": languages,
                "libras": libras, "scope": scope, "institution": _institution(acronym) if acronym else None,
                "responsible": responsible, "description": description, "order": order,
            },
        )  # fmt: skip
        channel.countries.set(Country.objects.filter(pk__in=countries))


def _seat(committee, segment, institution, n, **extra) -> None:
    Seat.objects.update_or_create(
        committee=committee, institution=institution, segment=segment, role=extra.pop("role", SeatRole.HOLDER),
        defaults={"person_name": f"Conselheira(o) Fictícia(o) {n}", "term_start": TERM_START, "term_end": TERM_END,
                  "designation_act": "Portaria de designação (demonstração)", **extra},
    )  # fmt: skip


def _committees() -> None:
    senajus = _institution("SENAJUS")
    conatrap, _created = Committee.objects.update_or_create(
        slug="conatrap",
        defaults={
            "name": "Comitê Nacional de Enfrentamento ao Tráfico de Pessoas", "acronym": "CONATRAP",
            "kind": CommitteeKind.NATIONAL, "secretariat": senajus, "parity_government": 8,
            "parity_civil_society": 8, "parity_act": "Portaria MJSP nº 959/2025", "act_name": "Decreto nº 7.901/2013",
            "act_date": date(2013, 2, 4), "meeting_every_months": 3,
        },
    )  # fmt: skip
    for n, acronym in enumerate(data.GOVERNMENT_SEATS, 1):
        _seat(
            conatrap,
            Segment.GOVERNMENT,
            _institution(acronym),
            n,
            position=Position.PRESIDENT if n == 1 else Position.MEMBER,
        )
    for n, (acronym, name) in enumerate(data.CIVIL_SOCIETY_SEATS, 9):
        _seat(conatrap, Segment.CIVIL_SOCIETY, _institution(acronym, name), n,
              position=Position.VICE_PRESIDENT if n == 9 else Position.MEMBER)  # fmt: skip
    _seat(conatrap, Segment.OTHER, senajus, 17, position=Position.EXECUTIVE_SECRETARY, term_end=None)
    for slug, name, uf, gov, civil, filled in data.STATE_COMMITTEES:
        uf_row = FederativeUnit.objects.get(abbreviation=uf)
        committee, _created = Committee.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "acronym": slug.upper(), "kind": CommitteeKind.STATE, "uf": uf_row,
                      "parity_government": gov, "parity_civil_society": civil, "meeting_every_months": 2},
        )  # fmt: skip
        for n, acronym in enumerate(data.GOVERNMENT_SEATS[:gov], 1):
            _seat(committee, Segment.GOVERNMENT, _institution(acronym), n)
        for n, (acronym, org) in enumerate(data.CIVIL_SOCIETY_SEATS[:filled], 1):
            _seat(committee, Segment.CIVIL_SOCIETY, _institution(acronym, org), n)


def _meetings(today: date) -> int:
    """Two years of quarterly CONATRAP meetings before ``today``: attendance, minutes and decisions."""
    conatrap = Committee.objects.get(slug="conatrap")
    seats = [s for s in conatrap.seats.all() if s.segment != Segment.OTHER]
    activity = Activity.objects.filter(plan__kind="national", code="1.1.1").order_by("-plan__start_year").first()
    previous = None
    meetings = 0
    for number, months_ago in enumerate(range(24, 0, -3), 1):
        year, month = divmod(today.year * 12 + today.month - 1 - months_ago, 12)
        starts = datetime(year, month + 1, 10, 14, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
        meeting, _created = Meeting.objects.update_or_create(
            committee=conatrap, kind=MeetingKind.ORDINARY, number=number,
            defaults={"starts_at": starts, "location": "Brasília (MJSP) e videoconferência", "held": True,
                      "minutes": f"Ata fictícia da {number}ª reunião ordinária.", "minutes_status": MinutesStatus.DRAFT},
        )  # fmt: skip
        AgendaItem.objects.update_or_create(meeting=meeting, order=1, defaults={"title": "Monitoramento do IV PNETP"})
        for index, seat in enumerate(seats):
            status = AttendanceStatus.ABSENT_JUSTIFIED if (index + number) % 7 == 0 else AttendanceStatus.HOLDER_PRESENT
            Attendance.objects.update_or_create(meeting=meeting, seat=seat, defaults={"status": status})
        decision, _created = Decision.objects.update_or_create(
            meeting=meeting, number=f"{number}/{year}",
            defaults={"text": f"Deliberação fictícia da {number}ª reunião sobre o monitoramento do plano.",
                      "responsible": conatrap.secretariat, "deadline": starts.date().replace(day=28),
                      "status": DecisionStatus.DONE if number < 7 else DecisionStatus.OPEN},
        )  # fmt: skip
        if activity is not None:
            decision.activities.set([activity])
        if previous is not None:
            Meeting.objects.filter(pk=previous.pk).update(
                minutes_status=MinutesStatus.APPROVED, minutes_approved_in=meeting
            )
        previous, meetings = meeting, meetings + 1
    return meetings


def _registries(today: date) -> None:
    """A few fictitious trainings, specialists, materials, agreements and events, linked to activity 1.4.1."""
    activity = Activity.objects.filter(plan__kind="national", code="1.4.1").order_by("-plan__start_year").first()
    linked = [activity] if activity is not None else []
    for n, (audience, mode, uf, people) in enumerate([("police", "online", "", 230), ("social_assistance", "in_person", "AM", 45),
                                                      ("consular", "online", "", 60)], 1):  # fmt: skip
        training, _created = Training.objects.update_or_create(
            title=f"Curso fictício de enfrentamento ao tráfico de pessoas — turma {n}",
            defaults={"audience": audience, "mode": mode, "uf": uf, "start_date": date(today.year, n * 2, 1),
                      "workload_hours": 20, "participants": people, "digital_module": mode == "online",
                      "institution": _institution("SENAJUS")},
        )  # fmt: skip
        training.activities.set(linked)
    Specialist.objects.update_or_create(name="Especialista Fictícia A", defaults={
        "themes": "Migração e refúgio; atendimento a vítimas", "languages": "português, espanhol", "uf": "RR",
        "public_consent": True, "consent_recorded_on": date(today.year, 1, 10)})  # fmt: skip
    Specialist.objects.update_or_create(name="Especialista Fictício B (sem consentimento)", defaults={
        "themes": "Trabalho escravo", "email": "especialista.b@example.org"})  # fmt: skip
    for title, kind, audiences, languages in [
        ("Cartilha fictícia para migrantes", "cartilha", ["migrants"], ["pt", "es", "warao"]),
        ("Vídeo fictício em Libras", "video", ["public"], ["pt", "libras"]),
    ]:
        material, _created = Material.objects.update_or_create(title=title, defaults={
            "kind": kind, "audiences": audiences, "languages": languages, "libras": "libras" in languages,
            "institution": _institution("MJSP"), "published_on": today})  # fmt: skip
        material.activities.set(linked)
    Agreement.objects.update_or_create(title="Memorando de entendimento fictício Brasil–Portugal", defaults={
        "parties": "Brasil e Portugal", "status": "in_force", "non_criminalisation": True})  # fmt: skip
    Event.objects.update_or_create(name="Fórum internacional fictício sobre tráfico de pessoas", defaults={
        "starts_on": date(today.year, 7, 30), "location": "Genebra", "deliverables": "Declaração final (fictícia)."})  # fmt: skip


def _memberships() -> None:
    for username, code in (("rede.netp", "DEMO-NETP-SP"), ("rede.creas", "DEMO-CREAS-SP")):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Conta {username} ausente: carregue as contas de demonstração antes.")
        UnitMember.objects.update_or_create(user=user, unit=Unit.objects.get(code=code), defaults={"active": True})


def load(stdout, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if not Municipality.objects.exists():
        stdout.write(load_territory(boundaries=False).summary())
    units = _units(today)
    _channels()
    _committees()
    demo_committees.load(today)
    meetings = _meetings(today)
    _registries(today)
    _memberships()
    demo_participants.load(today)
    stdout.write(
        f"Rede: {units} unidades, {len(data.CHANNELS)} canais, {Committee.objects.count()} comitês, "
        f"{meetings} reuniões do CONATRAP."
    )
