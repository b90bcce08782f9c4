"""The life of a progress report: draft → submitted → returned (with reason) → submitted → approved.

Every function takes the acting user first and raises ``PermissionDenied`` (wrong person) or
``ValidationError`` (right person, wrong moment) with a message in Portuguese. Rows are locked
while a transition runs, so two reviewers cannot approve and return the same report at once.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.monitoring.models import Evidence, IndicatorValue, ProgressReport, ReportComment, StatusOption

from . import notifications
from .evidence_files import validate_evidence_file
from .permissions import require_commenter, require_coordination, require_report_writer

State = ProgressReport.State
REPORT_FIELDS = ("status", "percent_complete", "narrative", "difficulties", "next_steps")


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update(of=("self",)).select_related("cycle", "activity").get(pk=report.pk)


def _require_open_cycle(cycle) -> None:
    if not cycle.is_open:
        raise ValidationError(
            _("O ciclo %(cycle)s está encerrado; os relatórios não podem mais ser alterados.") % {"cycle": cycle.name}
        )


def _require_writable(user, report: ProgressReport) -> None:
    """Checks shared by every change the institution makes to its report."""
    require_report_writer(user, report.activity, report.institution_id)
    if report.state == State.APPROVED:
        raise ValidationError(_("Relatórios aprovados não podem ser alterados."))
    if report.state == State.SUBMITTED:
        raise ValidationError(_("O relatório foi enviado e aguarda a análise da coordenação."))
    _require_open_cycle(report.cycle)


def _save(report: ProgressReport, user) -> None:
    report._history_user = user
    report.save()


def _check_changes(changes: dict) -> None:
    unknown = set(changes) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown report fields: {', '.join(sorted(unknown))}")
    status = changes.get("status")
    if status is not None and not (isinstance(status, StatusOption) and status.active):
        raise ValidationError({"status": _("Escolha uma situação ativa.")})


def start_report(user, activity, cycle, institution, **changes) -> ProgressReport:
    """Create the institution's draft for the activity and cycle, or return the existing one.

    ``changes`` (the fields of ``update_report``) fill a new draft in the same save, so writing a report
    for the first time is one history entry; an existing report gets them through ``update_report``.
    """
    require_report_writer(user, activity, institution.pk)
    _require_open_cycle(cycle)
    if activity.plan_id != cycle.plan_id:
        raise ValidationError(_("O ciclo pertence a outro plano."))
    _check_changes(changes)
    existing = ProgressReport.objects.filter(activity=activity, cycle=cycle, institution=institution)
    if report := existing.first():
        return update_report(user, report, **changes) if changes else report
    report = ProgressReport(activity=activity, cycle=cycle, institution=institution, created_by=user, **changes)
    if changes:
        report.full_clean()
    try:
        with transaction.atomic():
            _save(report, user)
    except IntegrityError:  # a colleague created it a moment ago
        report = existing.get()
        return update_report(user, report, **changes) if changes else report
    return report


def update_report(user, report: ProgressReport, **changes) -> ProgressReport:
    _check_changes(changes)
    with transaction.atomic():
        locked = _locked(report)
        _require_writable(user, locked)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        _save(locked, user)
    report.refresh_from_db()
    return report


def submit_report(user, report: ProgressReport) -> ProgressReport:
    with transaction.atomic():
        locked = _locked(report)
        _require_writable(user, locked)
        if locked.status_id is None:
            raise ValidationError({"status": _("Informe a situação da atividade antes de enviar o relatório.")})
        locked.full_clean()
        locked.state = State.SUBMITTED
        locked.submitted_by = user
        locked.submitted_at = timezone.now()
        _save(locked, user)
        notifications.report_submitted(locked)
    report.refresh_from_db()
    return report


def _require_submitted(report: ProgressReport) -> None:
    if report.state != State.SUBMITTED:
        raise ValidationError(
            _("Somente relatórios enviados podem ser analisados; este está como “%(state)s”.")
            % {"state": report.get_state_display()}
        )


def return_report(user, report: ProgressReport, reason: str) -> ProgressReport:
    """Send the report back to the institution; the reason is kept on the report and in its history."""
    require_coordination(user, _("devolver relatórios"))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"return_reason": _("Informe o motivo da devolução.")})
    with transaction.atomic():
        locked = _locked(report)
        _require_submitted(locked)
        locked.state = State.RETURNED
        locked.return_reason = reason
        locked.returned_by = user
        locked.returned_at = timezone.now()
        _save(locked, user)
        notifications.report_returned(locked)
    report.refresh_from_db()
    return report


def approve_report(user, report: ProgressReport) -> ProgressReport:
    require_coordination(user, _("aprovar relatórios"))
    with transaction.atomic():
        locked = _locked(report)
        _require_submitted(locked)
        locked.state = State.APPROVED
        locked.approved_by = user
        locked.approved_at = timezone.now()
        _save(locked, user)
        notifications.report_approved(locked)
    report.refresh_from_db()
    return report


def set_indicator_value(user, report: ProgressReport, indicator, value, note: str = "", *, fill=None) -> IndicatorValue:
    """Store an indicator's value. With ``fill`` (a ``registry_sources.RegistryFill``) the value came from a
    registry count: the count is kept beside it, and a different value needs a justification in ``note``."""
    if fill is not None and value != fill.value and not note.strip():
        raise ValidationError(
            {"note": _("Justifique na observação a alteração do valor preenchido a partir do registro.")}
        )
    with transaction.atomic():
        locked = _locked(report)
        _require_writable(user, locked)
        if indicator.activity_id != locked.activity_id:
            raise ValidationError({"indicator": _("O indicador não pertence à atividade do relatório.")})
        item = IndicatorValue.objects.filter(report=locked, indicator=indicator).first()
        item = item or IndicatorValue(report=locked, indicator=indicator)
        item.value, item.note = value, note
        item.registry_value = fill.value if fill else None
        item.registry_label = fill.label if fill else ""
        item.registry_filled_on = fill.filled_on if fill else None
        item.full_clean()
        item._history_user = user
        item.save()
    return item


def add_evidence(
    user, report: ProgressReport, *, title: str, file=None, url: str = "", is_public: bool = False
) -> Evidence:
    with transaction.atomic():
        locked = _locked(report)
        _require_writable(user, locked)
        if file is not None:
            validate_evidence_file(file)
        evidence = Evidence(
            report=locked,
            title=title.strip(),
            file=file if file is not None else "",
            url=url.strip(),
            is_public=is_public,
            created_by=user,
        )
        evidence.full_clean()
        evidence._history_user = user
        evidence.save()
    return evidence


def remove_evidence(user, evidence: Evidence) -> None:
    """The stored file is kept: the history record still points at it for audit."""
    with transaction.atomic():
        _require_writable(user, _locked(evidence.report))
        evidence._history_user = user
        evidence.delete()


def add_comment(user, report: ProgressReport, text: str) -> ReportComment:
    """Comments are the conversation between the coordination and the institution, until approval."""
    require_commenter(user, report)
    if report.state == State.APPROVED:
        raise ValidationError(_("Relatórios aprovados não podem ser alterados."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Escreva o comentário.")})
    with transaction.atomic():
        comment = ReportComment.objects.create(report=report, author=user, text=text)
        notifications.comment_added(comment)
    return comment
