"""Notifications of the linkage (``pnetp.notifications``): pairs waiting for review after a run. Counts only."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import ngettext

from pnetp.accounts.models import Role, User
from pnetp.notifications.models import Kind
from pnetp.notifications.services.notify import notify_all


def linkage_reviewers():
    return User.objects.filter(Q(role__in=[Role.COORDINATION, Role.ANALYST]) | Q(is_superuser=True), is_active=True)


def linkage_review_pending(pending: int) -> None:
    """After a linkage run leaves pairs in the review band: the reviewers are told how many wait."""
    if pending <= 0:
        return
    notify_all(
        linkage_reviewers(),
        kind=Kind.LINKAGE_REVIEW,
        title=ngettext(
            "Revisão de pessoas únicas: %(n)d par aguardando decisão",
            "Revisão de pessoas únicas: %(n)d pares aguardando decisão",
            pending,
        )
        % {"n": pending},
        url=reverse("linkage:review"),
    )
