"""Meetings: schedule, convoke (e-mail with an .ics), record attendance, minutes (draft → approved), decisions.

Every service checks that the user manages the committee (its secretariat or the coordination).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..ical import meeting_ics
from ..models import Attendance, AttendanceStatus, Committee, Decision, DecisionStatus, Meeting, MinutesStatus
from ..permissions import require_manage_committee, require_update_decision_status
from .committees import active_seats

MEETING_FIELDS = ("kind", "number", "starts_at", "ends_at", "mode", "location")
DECISION_FIELDS = ("number", "text", "responsible", "deadline", "status")


def meeting_schedule(user, committee: Committee, *, data: dict) -> Meeting:
    require_manage_committee(user, committee)
    meeting = Meeting(committee=committee, **{k: v for k, v in data.items() if k in MEETING_FIELDS})
    meeting.full_clean()
    meeting._history_user = user
    meeting.save()
    return meeting


def convocation_recipients(meeting: Meeting) -> list[str]:
    """E-mails of the accounts holding a seat on the meeting's day (holders and alternates)."""
    seats = active_seats(meeting.committee, timezone.localdate(meeting.starts_at))
    return sorted({s.user.email for s in seats if s.user_id and s.user.email and s.user.is_active})


def meeting_convoke(user, meeting: Meeting) -> list[str]:
    """Send the convocation with the meeting's .ics after the transaction commits; returns the recipients."""
    require_manage_committee(user, meeting.committee)
    if meeting.held or meeting.cancelled:
        raise ValidationError(_("Só se convoca uma reunião ainda não realizada nem cancelada."))
    recipients = convocation_recipients(meeting)
    if not recipients:
        raise ValidationError(_("Nenhum membro com conta e e-mail para convocar."))
    agenda = "\n".join(f"{item.order}. {item.title}" for item in meeting.agenda.all())
    body = _("Convocação: %(meeting)s\nData: %(when)s\nLocal: %(where)s\n\nPauta:\n%(agenda)s") % {
        "meeting": meeting, "when": timezone.localtime(meeting.starts_at).strftime("%d/%m/%Y %H:%M"),
        "where": meeting.location or "—", "agenda": agenda or "—",
    }  # fmt: skip
    message = EmailMessage(_("Convocação — %(meeting)s") % {"meeting": meeting}, body, settings.DEFAULT_FROM_EMAIL,
                           bcc=recipients)  # fmt: skip
    message.attach("reuniao.ics", meeting_ics(meeting), "text/calendar")
    meeting.convoked_at = timezone.now()
    meeting._history_user = user
    meeting.save(update_fields=["convoked_at"])
    transaction.on_commit(message.send)
    return recipients


def attendance_record(user, meeting: Meeting, *, statuses: dict[int, tuple[str, str]]) -> list[Attendance]:
    """``statuses``: seat pk → (status, justification). Seats must belong to the meeting's committee."""
    require_manage_committee(user, meeting.committee)
    seats = {s.pk: s for s in meeting.committee.seats.filter(pk__in=statuses)}
    rows = []
    with transaction.atomic():
        for seat_pk, (status, justification) in statuses.items():
            if seat_pk not in seats:
                raise ValidationError(_("Assento de outro comitê."))
            if status not in AttendanceStatus.values:
                raise ValidationError(_("Presença desconhecida: %(status)s.") % {"status": status})
            row, _created = Attendance.objects.update_or_create(
                meeting=meeting, seat=seats[seat_pk], defaults={"status": status, "justification": justification}
            )
            rows.append(row)
        if not meeting.held:
            meeting.held = True
            meeting._history_user = user
            meeting.save(update_fields=["held"])
    return rows


def minutes_save_draft(user, meeting: Meeting, *, text: str) -> Meeting:
    require_manage_committee(user, meeting.committee)
    if meeting.minutes_status == MinutesStatus.APPROVED:
        raise ValidationError(_("A ata já foi aprovada e não pode mais ser alterada."))
    meeting.minutes, meeting.minutes_status = text, MinutesStatus.DRAFT
    meeting._history_user = user
    meeting.save(update_fields=["minutes", "minutes_status"])
    return meeting


def minutes_approve(user, meeting: Meeting, *, approved_in: Meeting) -> Meeting:
    """The draft minutes are approved at a later meeting of the same committee."""
    require_manage_committee(user, meeting.committee)
    if meeting.minutes_status != MinutesStatus.DRAFT:
        raise ValidationError(_("Só se aprova uma ata em minuta."))
    if approved_in.committee_id != meeting.committee_id or approved_in.starts_at <= meeting.starts_at:
        raise ValidationError(_("A ata é aprovada em uma reunião posterior do mesmo comitê."))
    meeting.minutes_status, meeting.minutes_approved_in = MinutesStatus.APPROVED, approved_in
    meeting._history_user = user
    meeting.save(update_fields=["minutes_status", "minutes_approved_in"])
    return meeting


def decision_record(user, meeting: Meeting, *, data: dict, activities=()) -> Decision:
    require_manage_committee(user, meeting.committee)
    decision = Decision(meeting=meeting, **{k: v for k, v in data.items() if k in DECISION_FIELDS})
    decision.full_clean()
    decision._history_user = user
    decision.save()
    decision.activities.set(activities)
    return decision


def decision_update_status(user, decision: Decision, *, status: str, note: str = "") -> Decision:
    """A new status for the decision, with an optional note; by the committee's managers or a focal point of the
    decision's responsible institution. Each change is a history row (who, when, status, note)."""
    with transaction.atomic():
        decision = Decision.objects.select_for_update().select_related("meeting__committee").get(pk=decision.pk)
        require_update_decision_status(user, decision)
        if status not in DecisionStatus.values:
            raise ValidationError({"status": _("Situação desconhecida.")})
        decision.status, decision.status_note = status, note.strip()
        decision.full_clean()
        decision._history_user = user
        decision.save(update_fields=["status", "status_note"])
    return decision
