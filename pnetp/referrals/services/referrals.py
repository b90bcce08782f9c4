"""Sending a referral, and the two jobs around deadlines: reminders before and expiry after.

``expire_overdue`` and ``send_reminders`` are what the job queue (or ``pnetp referrals expire``) calls.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.network.models import Unit

from .. import notify, workflow
from ..consent import require_consent
from ..deadlines import REMINDER_BEFORE, answer_deadline
from ..models import Atendimento, Purpose, Referral, ReferralTransition, SharingProfile, State
from ..permissions import is_member, log_access, require_edit_atendimento


@dataclass
class ReferralRequest:
    """What the sending unit fills in."""

    purpose: str
    service: str
    profile: str
    to_unit: Unit | None = None
    external_body: str = ""
    request: str = ""
    urgent: bool = False
    transfer_requested: bool = False
    override_reason: str = ""
    police_report_number: str = ""
    inquiry_number: str = ""
    non_criminalisation: bool = True


def _validate(atendimento: Atendimento, data: ReferralRequest) -> None:
    errors = {}
    if (data.to_unit is None) == (not data.external_body.strip()):
        errors["to_unit"] = _("Escolha uma unidade da rede ou informe um órgão fora da plataforma (um dos dois).")
    if data.to_unit is not None and data.to_unit.pk == atendimento.owner_unit_id:
        errors["to_unit"] = _("A unidade de destino é a própria unidade responsável.")
    if data.to_unit is not None and not data.to_unit.active:
        errors["to_unit"] = _("A unidade de destino está inativa.")
    if data.purpose not in Purpose.values or data.purpose in (Purpose.STATISTICS, Purpose.CONTACT, Purpose.IDENTITY):
        errors["purpose"] = _("Escolha a finalidade: rede, polícia ou rede consular.")
    if data.profile not in SharingProfile.values:
        errors["profile"] = _("Escolha um perfil de compartilhamento.")
    if not data.service.strip():
        errors["service"] = _("Informe o serviço solicitado.")
    if errors:
        raise ValidationError(errors)


def send_referral(user, atendimento: Atendimento, data: ReferralRequest) -> Referral:
    """Refer the person: the owner unit only; consent for the purpose (or an override with a reason)."""
    with transaction.atomic():
        atendimento = Atendimento.objects.select_for_update(of=("self",)).get(pk=atendimento.pk)
        require_edit_atendimento(user, atendimento)
        _validate(atendimento, data)
        if atendimento.status == "encerrado":
            raise ValidationError(_("O atendimento está encerrado."))
        overridden = require_consent(
            user, atendimento, purpose=data.purpose, profile=data.profile, override_reason=data.override_reason
        )
        now = timezone.now()
        urgent = data.urgent or atendimento.urgent
        referral = Referral.objects.create(
            atendimento=atendimento,
            from_unit=atendimento.owner_unit,
            to_unit=data.to_unit,
            external_body=data.external_body.strip(),
            purpose=data.purpose,
            service=data.service.strip(),
            request=data.request.strip(),
            urgent=urgent,
            profile=data.profile,
            transfer_requested=data.transfer_requested,
            sent_by=user,
            sent_at=now,
            deadline=answer_deadline(now, urgent=urgent),
            override_reason=data.override_reason.strip() if overridden else "",
            override_by=user if overridden else None,
            police_report_number=data.police_report_number.strip(),
            inquiry_number=data.inquiry_number.strip(),
            non_criminalisation=data.non_criminalisation,
        )
        reason = _("Sem consentimento, com justificativa: %(reason)s") % {"reason": referral.override_reason}
        ReferralTransition.objects.create(
            referral=referral, from_state="", to_state=State.SENT, by=user, reason=reason if overridden else ""
        )
        log_access(user, atendimento, "referral_send")
        if referral.to_unit_id:
            notify.referral_changed(referral, State.SENT)
    return referral


def require_letter(user, referral: Referral) -> None:
    """The referral letter (PDF) of a referral to a body outside the platform: its sending unit only."""
    if not is_member(user, referral.from_unit_id):
        raise PermissionDenied(_("Só a unidade que enviou o encaminhamento emite a carta."))
    if not referral.is_external:
        raise ValidationError(_("A carta é só para órgãos fora da plataforma."))


def expire_overdue(now=None) -> list[int]:
    """Mark every unanswered referral past its deadline as expired; returns their ids. Idempotent."""
    now = now or timezone.now()
    due = Referral.objects.filter(state__in=[State.SENT, State.RECEIVED], deadline__lt=now).values_list("pk", flat=True)
    done = []
    for pk in list(due):
        referral = Referral.objects.get(pk=pk)
        try:
            workflow.transition(None, referral, State.EXPIRED)
        except ValidationError:  # answered meanwhile
            continue
        done.append(pk)
    return done


def send_reminders(now=None) -> list[int]:
    """Remind destinations of unanswered referrals whose deadline is near; once per referral."""
    now = now or timezone.now()
    due = Referral.objects.filter(
        state__in=[State.SENT, State.RECEIVED],
        deadline__gt=now,
        deadline__lte=now + REMINDER_BEFORE,
        reminded_at__isnull=True,
        to_unit__isnull=False,
    ).select_related("to_unit", "from_unit")
    sent = []
    for referral in due:
        with transaction.atomic():
            if Referral.objects.filter(pk=referral.pk, reminded_at__isnull=True).update(reminded_at=now):
                notify.reminder(referral)
                sent.append(referral.pk)
    return sent
