"""E-mail notifications of the referral flow: a subject, a link, and no personal data.

The only module of the app that sends anything, so the lead can switch it to the notifications app.
Messages name the referral number, the units and the state, never the person (no pseudonym either).
Called in ``transaction.on_commit`` by ``workflow``; a failure to send never undoes a transition.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.network.models import UnitMember

logger = logging.getLogger(__name__)


def _recipients(unit_id) -> list[str]:
    if unit_id is None:
        return []
    emails = UnitMember.objects.filter(unit_id=unit_id, active=True, user__is_active=True).values_list(
        "user__email", flat=True
    )
    return sorted({e for e in emails if e})


def _link(referral) -> str:
    base = getattr(settings, "PNETP_BASE_URL", "").rstrip("/")
    return base + reverse("referrals:referral", args=[referral.pk])


def _send(subject: str, lines: list[str], recipients: list[str]) -> int:
    if not recipients:
        return 0
    try:
        return send_mail(subject, "\n\n".join(lines), settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:  # the transition is committed; the inbox still shows it
        logger.exception("referrals: e-mail not sent")
        return 0


def referral_changed(referral, state: str) -> int:
    """Tell the other side: the destination of a new referral, the sender of an answer."""
    to_destination = state == "enviado" or state == "revogado"
    unit_id = referral.to_unit_id if to_destination else referral.from_unit_id
    subject = _("Encaminhamento nº %(id)s: %(state)s") % {"id": referral.pk, "state": referral.get_state_display()}
    lines = [
        _("O encaminhamento nº %(id)s de %(origin)s para %(destination)s está agora “%(state)s”.")
        % {
            "id": referral.pk,
            "origin": referral.from_unit.name,
            "destination": referral.destination,
            "state": referral.get_state_display(),
        },
        _("Veja em: %(link)s") % {"link": _link(referral)},
        _("Por segurança, esta mensagem não traz dados da pessoa atendida."),
    ]
    return _send(subject, lines, _recipients(unit_id))


def reminder(referral) -> int:
    subject = _("Encaminhamento nº %(id)s: prazo de resposta próximo") % {"id": referral.pk}
    lines = [
        _("O encaminhamento nº %(id)s aguarda resposta até %(deadline)s.")
        % {"id": referral.pk, "deadline": timezone.localtime(referral.deadline).strftime("%d/%m/%Y %H:%M")},
        _("Veja em: %(link)s") % {"link": _link(referral)},
        _("Por segurança, esta mensagem não traz dados da pessoa atendida."),
    ]
    return _send(subject, lines, _recipients(referral.to_unit_id))


def expired(referral) -> int:
    """Notice to both sides that a referral expired unanswered."""
    subject = _("Encaminhamento nº %(id)s expirou sem resposta") % {"id": referral.pk}
    lines = [
        _("O prazo do encaminhamento nº %(id)s para %(destination)s terminou sem resposta.")
        % {"id": referral.pk, "destination": referral.destination},
        _("Veja em: %(link)s") % {"link": _link(referral)},
        _("Por segurança, esta mensagem não traz dados da pessoa atendida."),
    ]
    return _send(subject, lines, sorted({*_recipients(referral.from_unit_id), *_recipients(referral.to_unit_id)}))
