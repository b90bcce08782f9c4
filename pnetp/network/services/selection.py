"""Civil-society selection processes: record the call, register organisations and decide their status, close the
process — which creates the civil-society seats of the elected organisations. The committee's managers only."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.institutions.models import Institution

from ..cnpj import clean_cnpj
from ..models import Candidate, CandidateStatus, Committee, Position, SeatRole, Segment, SelectionProcess
from ..permissions import require_manage_committee
from .committees import seat_fill

PROCESS_FIELDS = (
    "title", "call_number", "call_url", "registration_start", "registration_end", "election_date", "holder_seats",
    "alternate_seats", "term_start", "term_end",
)  # fmt: skip
CANDIDATE_FIELDS = (
    "name", "acronym", "cnpj", "contact_name", "contact_email", "contact_phone", "status", "reason", "institution",
)  # fmt: skip


def _refuse_closed(process: SelectionProcess) -> None:
    if process.is_closed:
        raise ValidationError(_("Este processo seletivo já foi encerrado."))


def process_save(
    user, committee: Committee, *, data: dict, process: SelectionProcess | None = None
) -> SelectionProcess:
    """Create (``process`` None) or change a selection process of ``committee``."""
    require_manage_committee(user, committee)
    with transaction.atomic():
        if process is None:
            process = SelectionProcess(committee=committee)
        else:
            process = SelectionProcess.objects.select_for_update().get(pk=process.pk, committee=committee)
            _refuse_closed(process)
        for name, value in data.items():
            if name in PROCESS_FIELDS:
                setattr(process, name, value)
        process.full_clean()
        process._history_user = user
        process.save()
    return process


def candidate_save(user, process: SelectionProcess, *, data: dict, candidate: Candidate | None = None) -> Candidate:
    """Register an organisation (``candidate`` None) or change its data and status (a reason when inabilitada)."""
    require_manage_committee(user, process.committee)
    with transaction.atomic():
        process = SelectionProcess.objects.select_for_update().get(pk=process.pk)
        _refuse_closed(process)
        if candidate is None:
            candidate = Candidate(process=process)
        else:
            candidate = Candidate.objects.get(pk=candidate.pk, process=process)
        for name, value in data.items():
            if name in CANDIDATE_FIELDS:
                setattr(candidate, name, value)
        candidate.cnpj = clean_cnpj(candidate.cnpj)
        if process.candidates.filter(cnpj=candidate.cnpj).exclude(pk=candidate.pk).exists():
            raise ValidationError({"cnpj": _("Este CNPJ já está inscrito neste processo.")})
        if candidate.status == CandidateStatus.DISQUALIFIED and not candidate.reason.strip():
            raise ValidationError({"reason": _("Informe o motivo da inabilitação.")})
        if candidate.status != CandidateStatus.DISQUALIFIED:
            candidate.reason = ""
        candidate.full_clean()
        candidate._history_user = user
        candidate.save()
    return candidate


def _institution(user, candidate: Candidate) -> Institution:
    """The candidate's registered institution, one of the same name, or a new civil-society one."""
    if candidate.institution_id:
        return candidate.institution
    found = Institution.objects.filter(name__iexact=candidate.name).first()
    if found:
        return found
    acronym = candidate.acronym or f"OSC-{candidate.cnpj[:8]}"
    if Institution.objects.filter(acronym=acronym).exists():
        raise ValidationError(
            _("A sigla %(acronym)s já é de outra instituição: informe a instituição cadastrada de %(name)s.")
            % {"acronym": acronym, "name": candidate.name}
        )
    institution = Institution(name=candidate.name, acronym=acronym, kind=Institution.Kind.CIVIL_SOCIETY)
    institution._history_user = user
    institution.save()
    return institution


def process_close(user, process: SelectionProcess) -> list[Candidate]:
    """Close the process and create a civil-society seat for each elected organisation; returns them."""
    require_manage_committee(user, process.committee)
    with transaction.atomic():
        process = SelectionProcess.objects.select_for_update().select_related("committee").get(pk=process.pk)
        _refuse_closed(process)
        elected = list(
            process.candidates.filter(status__in=[CandidateStatus.ELECTED_HOLDER, CandidateStatus.ELECTED_ALTERNATE])
        )
        holders = [c for c in elected if c.status == CandidateStatus.ELECTED_HOLDER]
        if not elected:
            raise ValidationError(_("Nenhuma organização eleita: registre o resultado antes de encerrar."))
        if len(holders) > process.holder_seats or len(elected) - len(holders) > process.alternate_seats:
            raise ValidationError(
                _("Mais eleitas que vagas: %(h)d titulares para %(hs)d vagas, %(a)d suplentes para %(as)d vagas.")
                % {"h": len(holders), "hs": process.holder_seats, "a": len(elected) - len(holders),
                   "as": process.alternate_seats}
            )  # fmt: skip
        if process.term_start is None:
            raise ValidationError({"term_start": _("Informe o início do mandato dos eleitos antes de encerrar.")})
        for candidate in elected:
            role = SeatRole.HOLDER if candidate.status == CandidateStatus.ELECTED_HOLDER else SeatRole.ALTERNATE
            candidate.institution = _institution(user, candidate)
            candidate.seat = seat_fill(user, process.committee, data={
                "segment": Segment.CIVIL_SOCIETY, "role": role, "institution": candidate.institution,
                "position": Position.MEMBER, "term_start": process.term_start, "term_end": process.term_end,
                "designation_act": _("Edital %(number)s") % {"number": process.call_number},
            })  # fmt: skip
            candidate._history_user = user
            candidate.save(update_fields=["institution", "seat"])
        process.closed_at = timezone.now()
        process._history_user = user
        process.save(update_fields=["closed_at"])
    return elected
