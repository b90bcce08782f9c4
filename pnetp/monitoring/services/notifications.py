"""Who is told about each workflow event, and what the notification says (``pnetp.notifications``).

Texts name the activity by code and title, the institution by acronym and the cycle; never a person, never
the free text of a return reason or comment (those stay on the report page, behind its permission).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from pnetp.accounts.models import Role, User
from pnetp.accounts.permissions import is_coordination
from pnetp.notifications.models import Kind
from pnetp.notifications.services.notify import notify_all


def activity_label(activity) -> str:
    """ "1.1.3 – Realizar campanhas…": the code and the first words of the activity."""
    return f"{activity.code} – {Truncator(activity.description).chars(120)}"


def coordination_users():
    return User.objects.filter(Q(role=Role.COORDINATION) | Q(is_superuser=True), is_active=True)


def focal_points(institution_id: int):
    return User.objects.filter(role=Role.FOCAL_POINT, institution_id=institution_id, is_active=True)


def _context(report) -> dict:
    return {
        "activity": activity_label(report.activity),
        "institution": report.institution.acronym or report.institution.name,
        "cycle": report.cycle.name,
    }


def _url(report) -> str:
    return reverse("monitoring_web:report", args=[report.pk])


def report_submitted(report) -> None:
    context = _context(report)
    notify_all(
        coordination_users(),
        kind=Kind.REPORT_SUBMITTED,
        title=_("Relatório enviado para análise: %(activity)s") % context,
        body=_("A instituição %(institution)s enviou o relatório do ciclo %(cycle)s.") % context,
        url=_url(report),
    )


def report_returned(report) -> None:
    context = _context(report)
    notify_all(
        focal_points(report.institution_id),
        kind=Kind.REPORT_RETURNED,
        title=_("Relatório devolvido para ajustes: %(activity)s") % context,
        body=_(
            "A coordenação devolveu o relatório da instituição %(institution)s do ciclo %(cycle)s. "
            "O motivo da devolução está no relatório."
        )
        % context,
        url=_url(report),
    )


def report_approved(report) -> None:
    context = _context(report)
    notify_all(
        focal_points(report.institution_id),
        kind=Kind.REPORT_APPROVED,
        title=_("Relatório aprovado: %(activity)s") % context,
        body=_("A coordenação aprovou o relatório da instituição %(institution)s do ciclo %(cycle)s.") % context,
        url=_url(report),
    )


def comment_added(comment) -> None:
    """The other side of the conversation is told: the institution when the coordination writes, and back."""
    report = comment.report
    context = _context(report)
    if is_coordination(comment.author):
        recipients = focal_points(report.institution_id)
    else:
        recipients = coordination_users()
    notify_all(
        recipients.exclude(pk=comment.author_id),
        kind=Kind.REPORT_COMMENT,
        title=_("Novo comentário no relatório %(activity)s") % context,
        body=_("Relatório da instituição %(institution)s, ciclo %(cycle)s.") % context,
        url=_url(report) + "#comentarios",
    )
