"""CONATRAP with 8 government and 8 civil-society holders, its secretariat user, and outsiders."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from pnetp.accounts.models import Role
from pnetp.institutions.models import Institution
from pnetp.network.models import Committee, CommitteeKind, Position, Seat, SeatRole, Segment

from .conftest import make_user

TODAY = timezone.localdate()  # the pages compute parity for today
TERM_START, TERM_END = TODAY - timedelta(days=500), TODAY + timedelta(days=200)


@dataclass
class Conatrap:
    committee: Committee
    secretariat: Institution
    seats: list[Seat]
    users: dict


def build_conatrap() -> Conatrap:
    secretariat = Institution.objects.create(acronym="SENAJUS", name="Secretaria Nacional de Justiça", kind="federal")
    committee = Committee.objects.create(
        slug="conatrap", name="Comitê Nacional de Enfrentamento ao Tráfico de Pessoas", acronym="CONATRAP",
        kind=CommitteeKind.NATIONAL, secretariat=secretariat, parity_government=8, parity_civil_society=8,
        parity_act="Portaria MJSP nº 959/2025",
    )  # fmt: skip
    seats = []
    for segment, kind in ((Segment.GOVERNMENT, "federal"), (Segment.CIVIL_SOCIETY, "civil_society")):
        for n in range(1, 9):
            institution = Institution.objects.create(
                acronym=f"{segment[:3].upper()}{n}", name=f"Órgão {segment} {n}", kind=kind
            )
            seats.append(Seat.objects.create(
                committee=committee, segment=segment, role=SeatRole.HOLDER, institution=institution,
                person_name=f"Pessoa Fictícia {segment} {n}", term_start=TERM_START, term_end=TERM_END,
            ))  # fmt: skip
    executive = make_user("secretaria.exec", Role.COMMITTEE_MEMBER)
    Seat.objects.create(
        committee=committee, segment=Segment.OTHER, role=SeatRole.HOLDER, institution=secretariat, user=executive,
        position=Position.EXECUTIVE_SECRETARY, term_start=TERM_START,
    )  # fmt: skip
    users = {
        "secretariat": make_user("senajus", Role.FOCAL_POINT, secretariat),
        "executive": executive,
        "member": make_user("membro", Role.COMMITTEE_MEMBER),
        "coord": make_user("coordenacao", Role.COORDINATION),
        "focal": make_user("outro.focal", Role.FOCAL_POINT, seats[0].institution),
    }
    return Conatrap(committee, secretariat, seats, users)
