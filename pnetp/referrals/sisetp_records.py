"""The atendimento's person as a SISETP record, so the linkage counts it once with the other sources.

Every atendimento has a pseudonymous ``CasePerson`` (its identity in the SISETP encrypted store). Its case sits
in the source "Rede de atendimento" (counted in statistics and linked with the other sources) while the person's
"national statistics" consent is in force, and in the reserved source otherwise (``in_statistics=False``:
left out of statistics and linkage). Moving the case between the two never duplicates it.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from pnetp.institutions.models import Institution
from pnetp.sisetp.models import Case, CasePerson, DataSource, StandardVersion
from pnetp.sisetp.standard import STANDARD_VERSION

from .models import Atendimento, Purpose

SOURCE_SLUG = "rede-de-atendimento"
RESERVED_SLUG = "rede-de-atendimento-reservada"
SYSTEM = "pnetp-referrals"
COORDINATION_ACRONYM = "MJSP"

DECISION_AUTHORITY_BY_KIND = {
    "netp": "netp_posto",
    "paahm": "netp_posto",
    "creas": "assistencia_social",
    "cras": "assistencia_social",
    "conselho_tutelar": "conselho_tutelar",
    "policia_federal": "policia",
    "policia_civil": "policia",
    "policia_militar": "policia",
    "policia_rodoviaria": "policia",
    "ministerio_publico": "ministerio_publico",
    "inspecao_trabalho": "auditoria_trabalho",
    "sociedade_civil": "sociedade_civil",
}


def _institution() -> Institution:
    institution, _created = Institution.objects.get_or_create(
        acronym=COORDINATION_ACRONYM,
        defaults={"name": "Ministério da Justiça e Segurança Pública", "kind": Institution.Kind.FEDERAL},
    )
    return institution


def sources() -> tuple[DataSource, DataSource]:
    """(counted, reserved): the two sources of the network's atendimentos, created on first use."""
    common = {"system": "PNETP — Atendimento e encaminhamentos", "coverage": DataSource.Coverage.NATIONAL}
    counted, _c = DataSource.objects.get_or_create(
        slug=SOURCE_SLUG,
        defaults={"name": "Rede de atendimento", "institution": _institution(), **common},
    )
    reserved, _r = DataSource.objects.get_or_create(
        slug=RESERVED_SLUG,
        defaults={
            "name": "Rede de atendimento (sem consentimento para estatísticas)",
            "institution": counted.institution,
            "in_statistics": False,
            **common,
        },
    )
    return counted, reserved


def new_person(
    *, victim_status: str, decided_by: str = "", sex: str | None = None, age: int | None = None
) -> CasePerson:
    """A reserved case with its one victim, for a new atendimento (moved to the counted source on consent)."""
    _counted, reserved = sources()
    today = timezone.localdate()
    version, _created = StandardVersion.objects.get_or_create(
        version=STANDARD_VERSION, defaults={"title": "Parâmetros mínimos"}
    )
    case = Case.objects.create(
        source=reserved,
        standard_version=version,
        source_record_id=uuid.uuid4().hex,
        reporting_date=today,
        identification_date=today,
        trafficking_status=victim_status,
        decision_authority=decided_by or None,
    )
    return CasePerson.objects.create(case=case, source_person_id="1", role="vitima", sex=sex, age_at_identification=age)


def sync_statistics(atendimento: Atendimento) -> None:
    """Put the atendimento's case in the counted or the reserved source, after the consent in force."""
    counted, reserved = sources()
    consented = atendimento.consents.filter(
        purpose=Purpose.STATISTICS, granted=True, withdrawn_at__isnull=True
    ).exists()
    case = atendimento.person.case
    target = counted if consented else reserved
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(
            source=target,
            trafficking_status=atendimento.victim_status,
            decision_authority=atendimento.status_decided_by or None,
            updated_at=timezone.now(),
        )
        if not consented:
            CasePerson.objects.filter(pk=atendimento.person_id).update(person_key=None)
