"""iCalendar (RFC 5545) for committee meetings: one event per meeting, a feed per committee."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .models import Committee, Meeting

DEFAULT_DURATION = timedelta(hours=3)


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " "
        current += char
    return [*out, current]


def _event(meeting: Meeting, now: datetime) -> list[str]:
    ends = meeting.ends_at or meeting.starts_at + DEFAULT_DURATION
    agenda = "\n".join(f"{item.order}. {item.title}" for item in meeting.agenda.all())
    lines = [
        "BEGIN:VEVENT",
        f"UID:reuniao-{meeting.pk}@{getattr(settings, 'PNETP_ICAL_DOMAIN', 'pnetp.gov.br')}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(meeting.starts_at)}",
        f"DTEND:{_stamp(ends)}",
        f"SUMMARY:{_escape(str(meeting))}",
        f"LOCATION:{_escape(meeting.location)}",
        f"DESCRIPTION:{_escape(agenda)}",
        f"STATUS:{'CANCELLED' if meeting.cancelled else 'CONFIRMED'}",
        "END:VEVENT",
    ]
    return lines


def calendar(items, name: str, event=None) -> str:
    """A VCALENDAR of ``items``, each a VEVENT by ``event`` (a meeting's by default)."""
    event = event or _event
    now = timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PNETP//Rede de enfrentamento//PT", "CALSCALE:GREGORIAN",
             f"X-WR-CALNAME:{_escape(name)}"]  # fmt: skip
    for item in items:
        lines += event(item, now)
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"


def meeting_ics(meeting: Meeting) -> str:
    return calendar([meeting], str(meeting.committee))


def committee_ics(committee: Committee) -> str:
    meetings = committee.meetings.select_related("committee").prefetch_related("agenda").order_by("starts_at")
    return calendar(meetings, str(committee))


def _all_day_event(event, now: datetime) -> list[str]:
    """A forum or event (2.7.1) as an all-day VEVENT; DTEND is exclusive (the day after the last day)."""
    last = event.ends_on or event.starts_on
    description = "\n".join(part for part in (event.participants and f"Participantes brasileiros: {event.participants}",
                                              event.deliverables and f"Acordado: {event.deliverables}") if part)  # fmt: skip
    lines = [
        "BEGIN:VEVENT",
        f"UID:evento-{event.pk}@{getattr(settings, 'PNETP_ICAL_DOMAIN', 'pnetp.gov.br')}",
        f"DTSTAMP:{_stamp(now)}",
        f"DTSTART;VALUE=DATE:{event.starts_on:%Y%m%d}",
        f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(event.name)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{_escape(event.location)}")
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if event.link:
        lines.append(f"URL:{event.link}")
    return [*lines, "END:VEVENT"]


def events_ics(events, year: int) -> str:
    """The annual calendar of international forums and events (one feed per year)."""
    return calendar(events, f"Fóruns e eventos internacionais {year}", _all_day_event)
