"""One small world with a row of every kind the pages show, for the security suite. All values are fictitious.

A plan with a monitoring cycle, reports and evidence; institutions; a Mapear point; a SISETP source with
a victim whose identity holds distinctive values (``IDENTITY`` / ``PLAINTEXTS``), an import job and batch,
a linkage run and a review pair; one user of each role (``ROLES``), none holding an identity grant, and a
coordination member of the source's institution holding one (``grantee``), approved by two other people.
"""

from datetime import date
from decimal import Decimal
from importlib import import_module
from types import SimpleNamespace

from django.core.files.base import ContentFile

from pnetp.accounts.models import Role, User
from pnetp.accounts.testing import confirmed_device
from pnetp.institutions.models import Institution
from pnetp.mapear.models import HighwayPoint, MapearSurvey
from pnetp.monitoring.models import Evidence, Indicator, MonitoringCycle, ProgressReport, Responsibility
from pnetp.monitoring.models import ReportComment
from pnetp.network.cnpj import check_digits
from pnetp.network.models import (
    AgendaItem,
    Candidate,
    Committee,
    CommitteeKind,
    Decision,
    Meeting,
    Seat,
    SeatRole,
    SelectionProcess,
    Segment,
)
from pnetp.linkage.models import LinkageRun, ReviewPair
from pnetp.plans.models import Activity, Axis, Plan, PriorityAction
from pnetp.sisetp.models import (
    Case,
    CasePerson,
    DataSharingAgreement,
    DataSource,
    IdentityAccessGrant,
    ImportBatch,
    ImportJob,
    LegalBasis,
    StandardVersion,
)
from pnetp.sisetp.services.identity import store_identity
from pnetp.sisetp.standard import STANDARD_VERSION, layout
from pnetp.territory.models import Country, FederativeUnit, Municipality

# Distinctive fictitious identity: none of these strings occurs anywhere else in the platform.
IDENTITY = {
    "full_name": "Zuleica Quimerina Bortolazzo",
    "social_name": "Zuzu Quimerina",
    "cpf": "390.533.447-05",  # valid by its check digits only
    "birth_date": date(1987, 11, 23),
    "mother_name": "Ondina Vespasiana Bortolazzo",
    "phone": "+55 61 98765-1234",
    "email": "zuleica.quimerina@exemplo.org",
    "address": "Travessa Quimérica, 77",
}
PLAINTEXTS = [
    "Zuleica Quimerina",
    "Zuzu Quimerina",
    "Ondina Vespasiana",
    "39053344705",
    "390.533.447-05",
    "1987-11-23",
    "23/11/1987",
    "98765-1234",
    "zuleica.quimerina",
    "Travessa Quimérica",
]

# Role name in the matrix → (User.role, is_superuser).
ROLES = {
    "coordination": (Role.COORDINATION, False),
    "focal_point": (Role.FOCAL_POINT, False),
    "committee_member": (Role.COMMITTEE_MEMBER, False),
    "analyst": (Role.ANALYST, False),
    "network_professional": (Role.NETWORK_PROFESSIONAL, False),
    "superuser": ("", True),
}


def _places():
    # get_or_create: the territory tests may have loaded the real tables for the whole session.
    brazil = Country.objects.get_or_create(alpha2="BR", defaults={"alpha3": "BRA", "numeric": "076", "name": "Brasil"})[
        0
    ]
    df = FederativeUnit.objects.get_or_create(
        ibge_code=53, defaults={"abbreviation": "DF", "name": "Distrito Federal", "region": "CO"}
    )[0]
    brasilia = Municipality.objects.get_or_create(
        ibge_code=5300108,
        defaults={"name": "Brasília", "uf": df, "latitude": Decimal("-15.77972"), "longitude": Decimal("-47.92972")},
    )[0]
    return SimpleNamespace(brazil=brazil, df=df, brasilia=brasilia)


def _plan():
    plan = Plan.objects.create(
        slug="seguranca",
        title="Plano de teste de segurança",
        start_year=2024,
        end_year=2028,
        status=Plan.Status.PUBLISHED,
    )
    axis = Axis.objects.create(plan=plan, code="1", title="Eixo 1", position=1)
    action = PriorityAction.objects.create(plan=plan, axis=axis, code="1.1", title="Ação 1.1", position=2)
    activity = Activity.objects.create(plan=plan, action=action, code="1.1.1", description="Ativ. 1.1.1", position=3)
    return plan, axis, action, activity


def _user(username, role="", institution=None, **extra):
    return User.objects.create_user(
        username=username,
        email=f"{username}@exemplo.gov.br",
        role=role,
        institution=institution,
        password="x",
        first_name=username.title(),
        **extra,
    )


def _person(source, record_id, identity=None):
    case = Case.objects.create(source=source, source_record_id=record_id, reporting_date=date(2024, 3, 1))
    person = CasePerson.objects.create(case=case, source_person_id="1", role="vitima", age_at_identification=30)
    if identity:
        store_identity(person, identity, check_permission=False)
    return person


def build_world(folder) -> SimpleNamespace:
    places = _places()
    StandardVersion.objects.get_or_create(version=STANDARD_VERSION, defaults={"title": "Parâmetros mínimos"})
    mdhc = Institution.objects.create(acronym="MDHC", name="Ministério dos Direitos Humanos", kind="federal")
    mte = Institution.objects.create(acronym="MTE", name="Ministério do Trabalho e Emprego", kind="federal")
    users = {
        name: _user(name.replace("_", "."), role, mdhc, is_superuser=superuser, is_staff=superuser)
        for name, (role, superuser) in ROLES.items()
    }
    requester, approver = _user("coord.pede", Role.COORDINATION, mdhc), _user("coord.aprova", Role.COORDINATION, mdhc)
    grantee = _user("coord.autorizada", Role.COORDINATION, mdhc)

    plan, axis, action, activity = _plan()
    responsibility = Responsibility.objects.create(activity=activity, end_date=date(2026, 12, 31))
    responsibility.lead_institutions.set([mdhc])
    indicator = Indicator.objects.create(activity=activity, name="Pessoas capacitadas")
    cycle = MonitoringCycle.objects.create(
        plan=plan,
        name="2025.1",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        reporting_deadline=date(2025, 7, 15),
        opened_by=users["coordination"],
    )
    report = ProgressReport.objects.create(activity=activity, cycle=cycle, institution=mdhc, state="submitted")
    ReportComment.objects.create(report=report, author=users["coordination"], text="Comentário de teste.")
    evidence = Evidence(report=report, title="Lista de presença", created_by=users["focal_point"])
    evidence.file.save("lista.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    status_option = import_module("pnetp.monitoring.models").StatusOption.objects.order_by("pk").first()

    survey = MapearSurvey.objects.create(year=2024)
    point = HighwayPoint.objects.create(
        survey=survey,
        point_id="P-1",
        highway="BR-116",
        km=Decimal("12.5"),
        latitude=Decimal("-15.7"),
        longitude=Decimal("-47.9"),
        municipality=places.brasilia,
        risk_grade="alto",
    )

    source = DataSource.objects.create(
        institution=mdhc, slug="disque-100", name="Disque 100", system="Disque 100", coverage="nacional"
    )
    other_source = DataSource.objects.create(
        institution=mte, slug="fiscalizacao", name="Fiscalização", coverage="nacional"
    )
    agreement = DataSharingAgreement.objects.create(
        title="Acordo MDHC–MJSP",
        purpose="Monitorar o IV PNETP",
        legal_basis=LegalBasis.ART11_IIB,
        fields_shared=layout.all_column_names(),
        valid_from=date(2024, 1, 1),
        valid_until=date(2999, 12, 31),
        document_reference="SEI 00000.000000/2024-00",
    )
    agreement.parties.set([mdhc])
    agreement.sources.set([source])
    victim = _person(source, "D100-0001", IDENTITY)
    twin = _person(other_source, "AFT-0001", {"full_name": "Pessoa Diferente"})
    grant = IdentityAccessGrant.objects.create(
        user=grantee,
        source=source,
        purpose="Atendimento da vítima pela rede",
        valid_until=date(2999, 12, 31),
        requested_by=requester,
        granted_by=approver,
        status=IdentityAccessGrant.Status.APPROVED,
    )
    batch = ImportBatch.objects.create(
        source=source,
        layout="standard",
        file_name="casos.csv",
        file_sha256="0" * 64,
        user=users["coordination"],
        status=ImportBatch.Status.DONE,
    )
    job = ImportJob.objects.create(
        source=source,
        layout="standard",
        user=users["coordination"],
        file_path=str(folder / "casos.csv"),
        file_name="casos.csv",
        status=ImportJob.Status.INVALID,
        message="Arquivo com erros.",
        summary={"total_issues": 1, "issues_not_shown": 0},
    )
    run = LinkageRun.objects.create(user=users["coordination"], status=LinkageRun.Status.DONE)
    keys = sorted((f"{p.case.source.slug}|{p.case.source_record_id}|1", p) for p in (victim, twin))
    pair = ReviewPair.objects.create(
        left_record=keys[0][0],
        right_record=keys[1][0],
        left=keys[0][1],
        right=keys[1][1],
        probability=0.8,
        comparison={"nome": "parecido", "mae": "igual", "cpf": "igual", "nascimento": "igual"},
    )
    committee = _committee(mdhc, mte, activity, places.df)
    device = confirmed_device(users["superuser"])
    objects = [
        users["coordination"],
        mdhc,
        mte,
        plan,
        activity,
        responsibility,
        indicator,
        cycle,
        report,
        evidence,
        status_option,
        survey,
        point,
        source,
        victim,
        grant,
        batch,
        job,
        run,
        pair,
        device,
    ]
    return SimpleNamespace(
        places=places,
        mdhc=mdhc,
        users=users,
        grantee=grantee,
        plan=plan,
        activity=activity,
        cycle=cycle,
        report=report,
        evidence=evidence,
        indicator=indicator,
        status_option=status_option,
        point=point,
        source=source,
        victim=victim,
        grant=grant,
        batch=batch,
        job=job,
        run=run,
        pair=pair,
        objects=objects,
        committee=committee,
    )


def _committee(secretariat, member, activity, uf) -> SimpleNamespace:
    """A committee whose secretariat is MDHC (so the world's focal point runs it), with one of everything."""
    from django.utils import timezone

    committee = Committee.objects.create(
        slug="cetrap-ficticio",
        name="Comitê Fictício de Enfrentamento",
        acronym="CFETP",
        kind=CommitteeKind.STATE,
        uf=uf,
        secretariat=secretariat,
        parity_government=1,
        parity_civil_society=1,
    )
    seat = Seat.objects.create(
        committee=committee,
        segment=Segment.GOVERNMENT,
        role=SeatRole.HOLDER,
        institution=member,
        person_name="Pessoa Conselheira Fictícia",
        term_start=date(2025, 1, 1),
        term_end=date(2027, 12, 31),
    )
    meeting = Meeting.objects.create(committee=committee, number=1, starts_at=timezone.now())
    item = AgendaItem.objects.create(meeting=meeting, order=1, title="Plano de trabalho")
    decision = Decision.objects.create(meeting=meeting, number="1/2025", text="Aprovar o plano.", responsible=member)
    decision.activities.set([activity])
    process = SelectionProcess.objects.create(
        committee=committee,
        title="Edital fictício",
        call_number="1/2025",
        registration_start=date(2025, 1, 1),
        registration_end=date(2025, 2, 1),
        holder_seats=1,
    )
    cnpj = "112223330001" + check_digits("112223330001")
    candidate = Candidate.objects.create(process=process, name="Organização Fictícia", cnpj=cnpj)
    return SimpleNamespace(
        committee=committee,
        seat=seat,
        meeting=meeting,
        item=item,
        decision=decision,
        process=process,
        candidate=candidate,
    )
