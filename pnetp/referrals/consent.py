"""Consent per purpose: record, withdraw, and the check every referral goes through.

A referral's purpose needs a consent in force; a referral with the ``full`` profile shares identity, so it also
needs the ``identity`` consent. Without them, only an override (its own permission and a written reason) sends it;
the override is kept on the referral and listed for the coordination.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Atendimento, Consent, ConsentHow, Purpose, SharingProfile
from .permissions import can_override_consent, log_access, require_edit_atendimento
from .sisetp_records import sync_statistics


def in_force(atendimento: Atendimento, purpose: str) -> bool:
    return atendimento.consents.filter(purpose=purpose, granted=True, withdrawn_at__isnull=True).exists()


def consent_record(
    user,
    atendimento: Atendimento,
    *,
    purpose: str,
    granted: bool,
    how: str,
    witness: str = "",
    by_guardian: bool = False,
    given_at: datetime | None = None,
) -> Consent:
    """Record the person's answer for ``purpose``; it replaces (withdraws) the previous one in force."""
    require_edit_atendimento(user, atendimento)
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Finalidade desconhecida.")})
    if how not in ConsentHow.values:
        raise ValidationError({"how": _("Informe se o consentimento foi por escrito ou verbal.")})
    witness = (witness or "").strip()
    if how == ConsentHow.ORAL and not witness:
        raise ValidationError({"witness": _("Consentimento verbal exige o nome de uma testemunha.")})
    if atendimento.is_minor and not by_guardian:
        raise ValidationError(
            {
                "by_guardian": _(
                    "Para crianças e adolescentes, o consentimento é dado pelo responsável ou Conselho Tutelar."
                )
            }
        )
    now = given_at or timezone.now()
    with transaction.atomic():
        atendimento.consents.filter(purpose=purpose, withdrawn_at__isnull=True).update(
            withdrawn_at=now, withdrawn_by=user
        )
        consent = Consent.objects.create(
            atendimento=atendimento,
            purpose=purpose,
            granted=granted,
            given_at=now,
            how=how,
            witness=witness,
            by_guardian=by_guardian,
            recorded_by=user,
        )
        log_access(user, atendimento, "consent")
        if purpose == Purpose.STATISTICS:
            sync_statistics(atendimento)
    return consent


def consent_withdraw(user, consent: Consent) -> Consent:
    require_edit_atendimento(user, consent.atendimento)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("Este consentimento já foi revogado."))
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = user
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        log_access(user, consent.atendimento, "consent_withdraw")
        if consent.purpose == Purpose.STATISTICS:
            sync_statistics(consent.atendimento)
    return consent


def missing_consents(atendimento: Atendimento, purpose: str, profile: str) -> list[str]:
    """Purposes the referral needs and the person did not consent to (empty when all is in order)."""
    needed = [purpose]
    if profile == SharingProfile.FULL:
        needed.append(Purpose.IDENTITY)
    return [p for p in needed if not in_force(atendimento, p)]


def require_consent(user, atendimento: Atendimento, *, purpose: str, profile: str, override_reason: str = "") -> bool:
    """Pass when consent is in force; else an override by an entitled user with a reason. True if overridden."""
    missing = missing_consents(atendimento, purpose, profile)
    if not missing:
        return False
    labels = ", ".join(str(Purpose(p).label) for p in missing)
    if not (override_reason or "").strip():
        raise ValidationError(
            _("Não há consentimento em vigor para: %(purposes)s. Registre o consentimento ou justifique a exceção.")
            % {"purposes": labels}
        )
    if not can_override_consent(user):
        raise PermissionDenied(_("Você não tem permissão para encaminhar sem consentimento."))
    return True
