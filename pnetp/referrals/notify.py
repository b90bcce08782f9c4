"""Notifications of the referral flow, through the notifications app: a title, a link, and no personal data.

Every event (sent, answered, revoked, reminder before the deadline, expired) becomes an in-app notification for
each active member of the unit concerned (``network.UnitMember``); ``notifications.services.notify.notify_all``
then e-mails it after commit or in the daily digest, as each user prefers. Titles and bodies name the referral
number, the units and the state, never the person (no pseudonym either): they go out by e-mail as they are.
Called inside the transaction of the change, so the notification exists exactly when the change does.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.notifications.models import Kind
from pnetp.notifications.services.notify import notify_all

from .models import State

NO_PERSONAL_DATA = _("Por segurança, esta mensagem não traz dados da pessoa atendida.")


def members(*unit_ids):
    """The active users who are active members of any of ``unit_ids`` (None ignored)."""
    ids = [pk for pk in unit_ids if pk is not None]
    if not ids:
        return []
    return list(
        get_user_model()
        .objects.filter(is_active=True, unit_memberships__unit_id__in=ids, unit_memberships__active=True)
        .distinct()
        .order_by("pk")
    )


def _link(referral) -> str:
    return reverse("referrals:referral", args=[referral.pk])


def _notify(referral, unit_ids, *, kind, title, summary) -> list:
    return notify_all(
        members(*unit_ids), kind=kind, title=title, url=_link(referral), body=f"{summary}\n{NO_PERSONAL_DATA}"
    )


def referral_changed(referral, state: str) -> list:
    """Tell the other side: the destination of a new or revoked referral, the sender of an answer."""
    to_destination = state in (State.SENT, State.REVOKED)
    kind = {State.SENT: Kind.REFERRAL_SENT, State.REVOKED: Kind.REFERRAL_REVOKED}.get(state, Kind.REFERRAL_ANSWERED)
    values = {
        "id": referral.pk,
        "origin": referral.from_unit.name,
        "destination": referral.destination,
        "state": referral.get_state_display(),
    }
    return _notify(
        referral,
        [referral.to_unit_id if to_destination else referral.from_unit_id],
        kind=kind,
        title=_("Encaminhamento nº %(id)s: %(state)s") % values,
        summary=_("O encaminhamento nº %(id)s de %(origin)s para %(destination)s está agora “%(state)s”.") % values,
    )


def reminder(referral) -> list:
    deadline = timezone.localtime(referral.deadline).strftime("%d/%m/%Y %H:%M")
    return _notify(
        referral,
        [referral.to_unit_id],
        kind=Kind.REFERRAL_REMINDER,
        title=_("Encaminhamento nº %(id)s: prazo de resposta próximo") % {"id": referral.pk},
        summary=_("O encaminhamento nº %(id)s de %(origin)s aguarda resposta até %(deadline)s.")
        % {"id": referral.pk, "origin": referral.from_unit.name, "deadline": deadline},
    )


def expired(referral) -> list:
    """Notice to both sides that a referral expired unanswered."""
    return _notify(
        referral,
        [referral.from_unit_id, referral.to_unit_id],
        kind=Kind.REFERRAL_EXPIRED,
        title=_("Encaminhamento nº %(id)s expirou sem resposta") % {"id": referral.pk},
        summary=_("O prazo do encaminhamento nº %(id)s de %(origin)s para %(destination)s terminou sem resposta.")
        % {"id": referral.pk, "origin": referral.from_unit.name, "destination": referral.destination},
    )
