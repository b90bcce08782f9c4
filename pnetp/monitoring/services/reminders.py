"""E-mail reminders about owed reports of open cycles.

Per institution with reports not yet submitted: a reminder in the ``days_before`` days up to the
deadline, an overdue notice every day after it, and from ``ESCALATION_AFTER_DAYS`` days overdue a
daily digest to the coordination. ``SentReminder`` makes every (cycle, institution, kind) go out at
most once per day, so the command may run as often as the scheduler likes.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pnetp.accounts.models import Role, User
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import MonitoringCycle, SentReminder
from pnetp.notifications.services.mail import full_url
from pnetp.plans.models import Activity

from .accountability import days_overdue
from .notifications import activity_label
from .obligations import reporting_obligations

ESCALATION_AFTER_DAYS = 7
Kind = SentReminder.Kind


@dataclass(frozen=True)
class PlannedMail:
    kind: str
    cycle: MonitoringCycle
    # (institution, pending activity codes): one pair for focal points, every late one for the coordination.
    items: tuple[tuple[Institution, tuple[str, ...]], ...]
    recipients: tuple[str, ...]
    subject: str
    body: str


def _date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _pending_codes(cycle) -> dict[int, list[str]]:
    """Activity codes still to be submitted, by institution id (obligations are already sorted)."""
    pending = defaultdict(list)
    for obligation in reporting_obligations(cycle):
        if not obligation.reported:
            pending[obligation.institution_id].append(obligation.activity_code)
    return pending


def _focal_point_emails() -> dict[int, tuple[str, ...]]:
    rows = User.objects.filter(role=Role.FOCAL_POINT, is_active=True, institution__isnull=False).exclude(email="")
    emails = defaultdict(list)
    for institution_id, email in rows.order_by("email").values_list("institution_id", "email"):
        emails[institution_id].append(email)
    return {pk: tuple(dict.fromkeys(found)) for pk, found in emails.items()}


def _coordination_emails() -> tuple[str, ...]:
    # Same reach as accounts.permissions.is_coordination: the role, or a superuser.
    rows = User.objects.filter(Q(role=Role.COORDINATION) | Q(is_superuser=True), is_active=True).exclude(email="")
    return tuple(dict.fromkeys(rows.order_by("email").values_list("email", flat=True)))


def _activity_lines(cycle, codes) -> str:
    """One entry per activity: "- 1.1.2 – title", then the full link to write its report."""
    activities = {a.code: a for a in Activity.objects.filter(plan_id=cycle.plan_id, code__in=codes)}
    lines = []
    for code in codes:
        activity = activities.get(code)
        if activity is None:
            lines.append(f"- {code}")
            continue
        path = reverse(
            "monitoring_web:report_form", kwargs={"plan": cycle.plan.slug, "code": code, "cycle_id": cycle.pk}
        )
        lines.append(f"- {activity_label(activity)}\n  {full_url(path)}")
    return "\n".join(lines)


def _institution_mail(kind, cycle, institution, codes, recipients, today) -> PlannedMail:
    context = {
        "institution": institution.acronym or institution.name,
        "cycle": cycle.name,
        "plan": str(cycle.plan),
        "deadline": _date(cycle.reporting_deadline),
        "codes": _activity_lines(cycle, codes),
    }
    if kind == Kind.REMINDER:
        subject = _("[PNETP] Lembrete: relatórios do ciclo %(cycle)s vencem em %(deadline)s") % context
        body = (
            _(
                "Prezada equipe %(institution)s,\n\n"
                "O prazo para envio dos relatórios de monitoramento do ciclo %(cycle)s (%(plan)s) termina em "
                "%(deadline)s. Ainda não foram enviados os relatórios das seguintes atividades:\n\n%(codes)s\n\n"
                "Acesse a plataforma para preencher e enviar os relatórios.\n"
            )
            % context
        )
    else:
        late = days_overdue(cycle, today)
        context["late"] = ngettext("%(n)d dia", "%(n)d dias", late) % {"n": late}
        subject = _("[PNETP] Relatórios em atraso no ciclo %(cycle)s") % context
        body = (
            _(
                "Prezada equipe %(institution)s,\n\n"
                "O prazo para envio dos relatórios de monitoramento do ciclo %(cycle)s (%(plan)s) terminou em "
                "%(deadline)s, há %(late)s. Continuam pendentes os relatórios das seguintes atividades:\n\n"
                "%(codes)s\n\nPor favor, envie-os o quanto antes.\n"
            )
            % context
        )
    return PlannedMail(kind, cycle, ((institution, tuple(codes)),), recipients, subject, body)


def _escalation_mail(cycle, late_institutions, pending, recipients, today) -> PlannedMail:
    late = days_overdue(cycle, today)
    lines = "\n".join(f"- {i.acronym or i.name} ({i.name}): {', '.join(pending[i.pk])}" for i in late_institutions)
    lines += "\n\n" + _("Acompanhe o ciclo em: %(url)s") % {
        "url": full_url(reverse("monitoring_web:cycle", args=[cycle.pk]))
    }
    context = {"cycle": cycle.name, "plan": str(cycle.plan), "deadline": _date(cycle.reporting_deadline)}
    context["late"] = ngettext("%(n)d dia", "%(n)d dias", late) % {"n": late}
    subject = _("[PNETP] Escalonamento: relatórios do ciclo %(cycle)s em atraso há %(late)s") % context
    body = _(
        "À coordenação nacional,\n\n"
        "O prazo de envio dos relatórios do ciclo %(cycle)s (%(plan)s) terminou em %(deadline)s, há %(late)s. "
        "As instituições abaixo ainda não enviaram os relatórios das atividades indicadas:\n\n%(lines)s\n"
    ) % {**context, "lines": lines}
    items = tuple((i, tuple(pending[i.pk])) for i in late_institutions)
    return PlannedMail(Kind.ESCALATION, cycle, items, recipients, subject, body)


def _already_sent(today: date) -> set[tuple[int, int, str]]:
    return set(SentReminder.objects.filter(sent_on=today).values_list("cycle_id", "institution_id", "kind"))


def plan_reminders(today: date, days_before: int = 7) -> list[PlannedMail]:
    """The e-mails due today that were not sent yet; sends nothing."""
    sent = _already_sent(today)
    focal_points = _focal_point_emails()
    coordination = _coordination_emails()
    mails = []
    for cycle in MonitoringCycle.objects.filter(state=MonitoringCycle.State.OPEN).select_related("plan"):
        days_left = (cycle.reporting_deadline - today).days
        late = days_overdue(cycle, today)
        if days_left > days_before:
            continue
        pending = _pending_codes(cycle)
        institutions = Institution.objects.in_bulk(list(pending))
        kind = Kind.REMINDER if days_left >= 0 else Kind.OVERDUE
        escalate = []
        for pk in sorted(pending, key=lambda pk: institutions[pk].acronym.casefold()):
            institution = institutions[pk]
            recipients = focal_points.get(pk, ())
            if recipients and (cycle.pk, pk, kind) not in sent:
                mails.append(_institution_mail(kind, cycle, institution, pending[pk], recipients, today))
            if late >= ESCALATION_AFTER_DAYS and (cycle.pk, pk, Kind.ESCALATION) not in sent:
                escalate.append(institution)
        if escalate and coordination:
            mails.append(_escalation_mail(cycle, escalate, pending, coordination, today))
    return mails


def _claim(mail: PlannedMail, today: date) -> bool:
    """Record the mail as sent; False when another run already did (unique per day)."""
    try:
        with transaction.atomic():
            for institution, codes in mail.items:
                SentReminder.objects.create(
                    cycle=mail.cycle,
                    institution=institution,
                    kind=mail.kind,
                    sent_on=today,
                    recipients=", ".join(mail.recipients),
                    activity_codes=", ".join(codes),
                )
    except IntegrityError:
        return False
    return True


def send_reminders(today: date, days_before: int = 7) -> list[PlannedMail]:
    """Send today's reminders and record them; returns what was sent."""
    sent = []
    connection = get_connection()
    for mail in plan_reminders(today, days_before):
        with transaction.atomic():
            if not _claim(mail, today):
                continue
            # Inside the transaction: if sending fails, the claim is rolled back and retried next run.
            EmailMessage(
                mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, list(mail.recipients), connection=connection
            ).send()
        sent.append(mail)
    return sent
