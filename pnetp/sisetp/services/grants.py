"""Identity access grants under two people: one coordination member requests, a second one approves.

Every step — request, approval, refusal, revocation, and every attempt the policy refuses — is one
``IdentityAccessLog`` entry (``grant`` set, no person), so the auditors' page shows who asked, who
decided and who then read. A grant never benefits the person who requested or approved it.

The second person must really be another person (the "sock-puppet" chain of the security review): the
approver's coordination role must not trace back, through who gave it to whom
(``accounts.lineage.elevation_chain``), to the requester or the grantee; and it must be at least
``PNETP_GRANT_APPROVER_MIN_DAYS`` days old (default 7), so that an account made coordination for the
occasion, by anyone, cannot approve — the other members have a week to notice a new coordination account.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.accounts.assurance import is_strongly_authenticated, strong_authentication_refusal
from pnetp.accounts.lineage import elevation, elevation_chain
from pnetp.accounts.permissions import is_coordination

from ..models import IdentityAccessGrant, IdentityAccessLog

Action = IdentityAccessLog.Action
Status = IdentityAccessGrant.Status


def _log(user, grant, action: str, granted: bool, reason: str) -> None:
    IdentityAccessLog.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        username=user.get_username() if getattr(user, "is_authenticated", False) else "",
        action=action,
        purpose=grant.purpose if grant is not None else "",
        granted=granted,
        reason=reason[:300],
        grant=grant if grant is not None and grant.pk else None,
    )


def _refuse(user, grant, action: str, reason: str):
    _log(user, grant, action, False, reason)
    raise PermissionDenied(reason)


def _check_decider(user, grant, action: str) -> None:
    if not is_coordination(user):
        _refuse(user, grant, action, _("Só a coordenação nacional pede e decide autorizações."))
    if not is_strongly_authenticated(user):
        _refuse(user, grant, action, strong_authentication_refusal())


def approver_min_days() -> int:
    return int(getattr(settings, "PNETP_GRANT_APPROVER_MIN_DAYS", 7))


def _check_second_person(user, grant) -> None:
    """Refuse (logged) an approver whose coordination role came from the requester or the grantee, even
    through other accounts, or is younger than ``approver_min_days()``."""
    if {grant.requested_by_id, grant.user_id} & set(elevation_chain(user.pk)):
        _refuse(
            user,
            grant,
            Action.GRANT_APPROVAL,
            _(
                "Quem criou sua conta de coordenação ou lhe deu esse perfil, direta ou indiretamente, não pode "
                "ter o pedido aprovado por você."
            ),
        )
    since = elevation(user.pk)
    days = approver_min_days()
    if since is not None and since.at > timezone.now() - timedelta(days=days):
        _refuse(
            user,
            grant,
            Action.GRANT_APPROVAL,
            _(
                "Sua conta tem o perfil de coordenação há menos de %(days)s dias: ainda não pode aprovar "
                "acesso a identidades."
            )
            % {"days": days},
        )


def request_grant(user, *, grantee, purpose: str, valid_until: date, source=None, institution=None):
    """A pending grant for ``grantee``; it takes effect only once a second coordination member approves it."""
    grant = IdentityAccessGrant(
        user=grantee,
        source=source,
        institution=institution,
        purpose=purpose,
        valid_until=valid_until,
        requested_by=user if getattr(user, "is_authenticated", False) else None,
    )
    _check_decider(user, grant, Action.GRANT_REQUEST)
    if grantee.pk == user.pk:
        _refuse(user, None, Action.GRANT_REQUEST, _("Ninguém pode pedir acesso para si mesmo."))
    if valid_until < timezone.localdate():
        raise ValidationError({"valid_until": _("A data final já passou.")})
    grant.full_clean()
    with transaction.atomic():
        grant.save()
        _log(
            user,
            grant,
            Action.GRANT_REQUEST,
            True,
            _("Pedido nº %(id)s, para %(who)s.") % {"id": grant.pk, "who": grantee.get_username()},
        )
    return grant


def approve_grant(user, grant):
    """The second person: not the requester, not the grantee. The grant takes effect now."""
    _check_decider(user, grant, Action.GRANT_APPROVAL)
    if grant.status != Status.REQUESTED:
        _refuse(user, grant, Action.GRANT_APPROVAL, _("Este pedido já foi decidido."))
    if user.pk == grant.user_id:
        _refuse(user, grant, Action.GRANT_APPROVAL, _("Ninguém pode aprovar acesso para si mesmo."))
    if user.pk == grant.requested_by_id or grant.requested_by_id is None:
        _refuse(
            user, grant, Action.GRANT_APPROVAL, _("A aprovação precisa de uma segunda pessoa, diferente de quem pediu.")
        )
    _check_second_person(user, grant)
    grant.status, grant.granted_by, grant.granted_at = Status.APPROVED, user, timezone.now()
    grant.full_clean()
    with transaction.atomic():
        grant.save(update_fields=["status", "granted_by", "granted_at"])
        _log(user, grant, Action.GRANT_APPROVAL, True, _("Autorização nº %(id)s aprovada.") % {"id": grant.pk})
    return grant


def refuse_grant(user, grant, *, reason: str):
    """Refuse a pending request (the requester may withdraw it this way); never by its beneficiary."""
    _check_decider(user, grant, Action.GRANT_REFUSAL)
    if grant.status != Status.REQUESTED:
        _refuse(user, grant, Action.GRANT_REFUSAL, _("Este pedido já foi decidido."))
    if user.pk == grant.user_id:
        _refuse(user, grant, Action.GRANT_REFUSAL, _("Ninguém decide um pedido que o beneficia."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Informe o motivo da recusa.")})
    grant.status, grant.granted_by, grant.granted_at = Status.REFUSED, user, timezone.now()
    grant.refusal_reason = reason[:500]
    with transaction.atomic():
        grant.save(update_fields=["status", "granted_by", "granted_at", "refusal_reason"])
        _log(
            user,
            grant,
            Action.GRANT_REFUSAL,
            True,
            _("Pedido nº %(id)s recusado: %(reason)s") % {"id": grant.pk, "reason": reason},
        )
    return grant


def revoke_grant(user, grant):
    """End an approved grant now (any coordination member: taking access away needs no second person)."""
    _check_decider(user, grant, Action.GRANT_REVOCATION)
    if grant.status != Status.APPROVED or grant.revoked_at is not None:
        _refuse(user, grant, Action.GRANT_REVOCATION, _("Só uma autorização aprovada e vigente pode ser revogada."))
    grant.revoked_at = timezone.now()
    with transaction.atomic():
        grant.save(update_fields=["revoked_at"])
        _log(user, grant, Action.GRANT_REVOCATION, True, _("Autorização nº %(id)s revogada.") % {"id": grant.pk})
    return grant
