"""Reminders to a committee's secretariat of seats whose term ends soon: 60 days before, and again 15 days before.

Run hourly by the worker (``pnetp.network.tasks.send_term_reminders_job``). Each (seat, threshold, term end) goes
out at most once — a ``TermReminder`` row claims it before the notification is written, in the same transaction,
so a second run or a second worker sends nothing; a seat first seen inside 15 days gets one reminder (the 15-day
one) and both thresholds are recorded. A term extended later is reminded again for its new end. The text names
the segment, holder/alternate, position, institution and end date — never the person.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.accounts.models import User
from pnetp.notifications.models import Kind
from pnetp.notifications.services.notify import notify_all

from ..models import Committee, Position, Seat, TermReminder

THRESHOLDS = (60, 15)


def secretariat_users(committee: Committee, day: date) -> list[User]:
    """Active accounts of the committee's secretariat institution and the holders of its secretaria-executiva seat."""
    users = (
        list(User.objects.filter(is_active=True, institution_id=committee.secretariat_id))
        if committee.secretariat_id
        else []
    )
    seats = committee.seats.filter(position=Position.EXECUTIVE_SECRETARY, user__is_active=True).select_related("user")
    users += [seat.user for seat in seats if seat.is_active_on(day)]
    return users


def _message(seat: Seat, days_left: int) -> tuple[str, str]:
    end = seat.term_end.strftime("%d/%m/%Y")
    title = _("Mandato em %(committee)s termina em %(end)s") % {"committee": seat.committee, "end": end}
    body = _(
        "Um assento do %(committee)s tem o mandato terminando em %(end)s (em %(days)d dias): segmento %(segment)s, "
        "%(role)s, cargo %(position)s, instituição %(institution)s. Providencie a recondução ou a designação da sucessão."
    ) % {
        "committee": seat.committee, "end": end, "days": days_left, "segment": seat.get_segment_display().lower(),
        "role": seat.get_role_display().lower(), "position": seat.get_position_display().lower(),
        "institution": seat.institution.acronym,
    }  # fmt: skip
    return title, body


def _remind(seat: Seat, today: date) -> int:
    """Claim the thresholds now due for ``seat`` and notify its secretariat once; returns notifications written."""
    days_left = (seat.term_end - today).days
    due = [days for days in THRESHOLDS if days_left <= days]
    recipients = secretariat_users(seat.committee, today)
    if not due or not recipients:
        return 0  # nobody to tell yet: tried again on the next run
    with transaction.atomic():
        claimed = [
            days for days in due
            if TermReminder.objects.get_or_create(seat=seat, days=days, term_end=seat.term_end,
                                                  defaults={"recipients": len({u.pk for u in recipients})})[1]
        ]  # fmt: skip
        if not claimed:
            return 0
        title, body = _message(seat, days_left)
        url = seat.committee.get_absolute_url()
        return len(notify_all(recipients, kind=Kind.TERM_ENDING, title=title, url=url, body=body))


def send_term_reminders(today: date | None = None) -> int:
    """Notify the secretariats of every seat in office whose term ends within 60 days; returns notifications."""
    today = today or timezone.localdate()
    seats = Seat.objects.filter(
        committee__active=True, term_end__gte=today, term_end__lte=today + timedelta(days=max(THRESHOLDS))
    ).select_related("committee", "institution")
    return sum(_remind(seat, today) for seat in seats if seat.is_active_on(today))
