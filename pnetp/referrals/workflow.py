"""The referral's life as data: ``TRANSITIONS`` and one ``transition`` function.

    enviado → recebido → aceito → em atendimento → concluído (the provider's note)
                       ↘ recusado (a reason)
    enviado / recebido / aceito → revogado (by the sender, with a reason)
    enviado / recebido → expirado (by the system, once the deadline passed unanswered)

``transition(user, referral, to, **data)``: access + lock → table → consent → write + log → notify on commit.
Refusals: ``Http404`` (a unit of another UF), ``PermissionDenied`` (wrong person), ``ValidationError`` (wrong
moment or missing field), all in Portuguese. The thin wrappers (``receive``, ``accept``…) only name the target.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import notify
from .consent import missing_consents
from .models import Referral, ReferralTransition, RefusalReason, State
from .permissions import RECEIVER, SENDER, SYSTEM, access_referral, referral_roles


@dataclass(frozen=True)
class Rule:
    who: str
    required: tuple[str, ...] = ()


TRANSITIONS: dict[tuple[str, str], Rule] = {
    (State.SENT, State.RECEIVED): Rule(RECEIVER),
    (State.RECEIVED, State.ACCEPTED): Rule(RECEIVER),
    (State.RECEIVED, State.REFUSED): Rule(RECEIVER, ("refusal_reason",)),
    (State.ACCEPTED, State.IN_SERVICE): Rule(RECEIVER),
    (State.IN_SERVICE, State.DONE): Rule(RECEIVER, ("completion_note",)),
    (State.SENT, State.REVOKED): Rule(SENDER, ("reason",)),
    (State.RECEIVED, State.REVOKED): Rule(SENDER, ("reason",)),
    (State.ACCEPTED, State.REVOKED): Rule(SENDER, ("reason",)),
    (State.SENT, State.EXPIRED): Rule(SYSTEM),
    (State.RECEIVED, State.EXPIRED): Rule(SYSTEM),
}

# Fields a transition may carry; anything else is a programming error.
DATA_FIELDS = ("refusal_reason", "refusal_note", "completion_note", "reason")
# Moving forward shows the person's data to the destination: consent (or the override) must still hold.
SHARING_STATES = (State.RECEIVED, State.ACCEPTED, State.IN_SERVICE)

WHO_LABELS = {
    SENDER: gettext_lazy("Só a unidade que enviou o encaminhamento pode fazer isso."),
    RECEIVER: gettext_lazy("Só a unidade de destino pode fazer isso."),
    SYSTEM: gettext_lazy("Só o sistema marca um encaminhamento como expirado, quando o prazo termina."),
}
REQUIRED_LABELS = {
    "refusal_reason": gettext_lazy("Informe o motivo da recusa."),
    "completion_note": gettext_lazy("Escreva a nota de conclusão do atendimento."),
    "reason": gettext_lazy("Informe o motivo da revogação."),
}


def _fetch(user, referral: Referral) -> Referral:
    if user is None:  # the system (expiry job)
        return Referral.objects.select_for_update(of=("self",)).select_related("atendimento").get(pk=referral.pk)
    return access_referral(user, referral.pk, lock=True)


def check_transition(user, referral: Referral, to: str, data: dict) -> Rule:
    """Authorise and validate ``referral`` → ``to`` for ``user`` (None: the system); raises the exact refusal."""
    unknown = set(data) - set(DATA_FIELDS)
    if unknown:
        raise TypeError(f"Unknown transition fields: {', '.join(sorted(unknown))}")
    rule = TRANSITIONS.get((referral.state, to))
    if rule is None:
        raise ValidationError(
            _("Um encaminhamento “%(from)s” não pode passar a “%(to)s”.")
            % {"from": State(referral.state).label, "to": State(to).label}
        )
    if rule.who == SYSTEM:
        if user is not None:
            raise PermissionDenied(WHO_LABELS[SYSTEM])
        if timezone.now() <= referral.deadline:
            raise ValidationError(_("O prazo de resposta ainda não terminou."))
    elif user is None or rule.who not in referral_roles(user, referral):
        raise PermissionDenied(WHO_LABELS[rule.who])
    missing = {name: REQUIRED_LABELS[name] for name in rule.required if not str(data.get(name) or "").strip()}
    if missing:
        raise ValidationError(missing)
    if data.get("refusal_reason") and data["refusal_reason"] not in RefusalReason.values:
        raise ValidationError({"refusal_reason": _("Motivo de recusa desconhecido.")})
    if to in SHARING_STATES and not referral.override_by_id:
        if missing_consents(referral.atendimento, referral.purpose, referral.profile):
            raise ValidationError(
                _("O consentimento para este compartilhamento foi revogado; o encaminhamento não pode seguir.")
            )
    return rule


def _write(user, referral: Referral, to: str, data: dict, now: datetime) -> None:
    if to == State.RECEIVED:
        referral.received_at = now
    if to in (State.ACCEPTED, State.REFUSED):
        referral.responded_at = now
    if to in (State.REFUSED, State.DONE, State.REVOKED, State.EXPIRED):
        referral.closed_at = now
    for name in ("refusal_reason", "refusal_note", "completion_note"):
        if data.get(name):
            setattr(referral, name, str(data[name]).strip())
    referral.state = to
    referral.save()
    if to == State.ACCEPTED and referral.transfer_requested and referral.to_unit_id:
        atendimento = referral.atendimento
        atendimento.owner_unit_id = referral.to_unit_id
        atendimento._history_user = user
        atendimento.save(update_fields=["owner_unit"])


def transition(user, referral: Referral, to: str, **data) -> Referral:
    """Move ``referral`` to state ``to`` on behalf of ``user`` (None for the system); log it; notify the other side."""
    with transaction.atomic():
        locked = _fetch(user, referral)
        check_transition(user, locked, to, data)
        from_state = locked.state
        _write(user, locked, to, data, timezone.now())
        reason = data.get("reason") or data.get("refusal_note") or data.get("completion_note") or ""
        if to == State.REFUSED:
            reason = f"{RefusalReason(data['refusal_reason']).label}. {reason}".strip()
        ReferralTransition.objects.create(referral=locked, from_state=from_state, to_state=to, by=user, reason=reason)
        # In the transaction: the notifications exist exactly when the change does; their e-mails go on commit.
        if to == State.EXPIRED:
            notify.expired(locked)
        else:
            notify.referral_changed(locked, to)
    return locked


def receive(user, referral):
    return transition(user, referral, State.RECEIVED)


def accept(user, referral):
    return transition(user, referral, State.ACCEPTED)


def refuse(user, referral, *, refusal_reason: str, refusal_note: str = ""):
    return transition(user, referral, State.REFUSED, refusal_reason=refusal_reason, refusal_note=refusal_note)


def start_service(user, referral):
    return transition(user, referral, State.IN_SERVICE)


def conclude(user, referral, *, completion_note: str):
    return transition(user, referral, State.DONE, completion_note=completion_note)


def revoke(user, referral, *, reason: str):
    return transition(user, referral, State.REVOKED, reason=reason)
