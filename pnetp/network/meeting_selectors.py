"""Reads about meetings: quorum by segment, the expected calendar against meetings held, yearly indicators, and
the open decisions concerning a plan activity."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from .models import (
    OPEN_DECISION_STATUSES,
    PRESENT,
    Committee,
    Decision,
    Meeting,
    MeetingKind,
    SeatRole,
    Segment,
)
from .services.committees import active_seats

VOTING = (Segment.GOVERNMENT, Segment.CIVIL_SOCIETY)


@dataclass
class SegmentQuorum:
    segment: str
    label: str
    present: int
    seats: int


@dataclass
class Quorum:
    segments: list[SegmentQuorum]
    present: int
    seats: int
    percent: int  # the committee's rule: more than this share of the voting seats

    @property
    def met(self) -> bool:
        return self.seats > 0 and self.present * 100 > self.seats * self.percent


def quorum(meeting: Meeting) -> Quorum:
    """Voting holder seats in office on the meeting's day, and how many were present (holder or alternate)."""
    day = timezone.localdate(meeting.starts_at)
    seats = [s for s in active_seats(meeting.committee, day) if s.role == SeatRole.HOLDER and s.segment in VOTING]
    present_seats = set(meeting.attendance.filter(status__in=PRESENT).values_list("seat_id", flat=True))
    # An alternate in the holder's place is recorded on the holder's seat or on the alternate's own seat.
    alternates = meeting.attendance.filter(status__in=PRESENT, seat__role=SeatRole.ALTERNATE).select_related("seat")
    covered = {(a.seat.institution_id, a.seat.segment) for a in alternates}
    rows = []
    for code, label in Segment.choices:
        if code not in VOTING:
            continue
        mine = [s for s in seats if s.segment == code]
        here = sum(1 for s in mine if s.pk in present_seats or (s.institution_id, s.segment) in covered)
        rows.append(SegmentQuorum(code, str(label), here, len(mine)))
    committee = meeting.committee
    return Quorum(rows, sum(r.present for r in rows), sum(r.seats for r in rows), committee.quorum_percent)


@dataclass
class CalendarMonth:
    month: int
    expected: bool
    meetings: list[Meeting] = field(default_factory=list)


def expected_calendar(committee: Committee, year: int) -> list[CalendarMonth]:
    """One row per month: an ordinary meeting is expected every ``meeting_every_months`` months from January."""
    step = max(committee.meeting_every_months, 1)
    months = [CalendarMonth(m, (m - 1) % step == 0) for m in range(1, 13)]
    for meeting in committee.meetings.filter(starts_at__year=year, cancelled=False).order_by("starts_at"):
        months[timezone.localtime(meeting.starts_at).month - 1].meetings.append(meeting)
    return months


@dataclass
class YearIndicators:
    year: int
    expected: int
    held_ordinary: int
    held_extraordinary: int
    attendance_by_segment: dict = field(default_factory=dict)  # label → percent or None
    attendance_by_institution: dict = field(default_factory=dict)


def year_indicators(committee: Committee, year: int) -> YearIndicators:
    calendar = expected_calendar(committee, year)
    held = committee.meetings.filter(starts_at__year=year, held=True)
    result = YearIndicators(
        year=year,
        expected=sum(1 for m in calendar if m.expected),
        held_ordinary=held.filter(kind=MeetingKind.ORDINARY).count(),
        held_extraordinary=held.filter(kind=MeetingKind.EXTRAORDINARY).count(),
    )
    tally = defaultdict(lambda: [0, 0])
    by_institution = defaultdict(lambda: [0, 0])
    labels = dict(Segment.choices)
    rows = held.values_list("attendance__seat__segment", "attendance__seat__institution__acronym", "attendance__status")
    for segment, acronym, status in rows:
        if segment is None:
            continue
        tally[segment][1] += 1
        by_institution[acronym][1] += 1
        if status in PRESENT:
            tally[segment][0] += 1
            by_institution[acronym][0] += 1
    result.attendance_by_segment = {str(labels[s]): round(100 * p / t) for s, (p, t) in tally.items() if t}
    result.attendance_by_institution = {a: round(100 * p / t) for a, (p, t) in sorted(by_institution.items()) if t}
    return result


def open_decisions_for_activity(activity) -> list[Decision]:
    """Decisions still open that concern ``activity``, shown on its page and beside its progress reports."""
    decisions = Decision.objects.filter(activities=activity, status__in=OPEN_DECISION_STATUSES)
    return list(decisions.select_related("meeting__committee", "responsible").order_by("deadline", "pk"))


def meeting_years(committee: Committee) -> list[int]:
    years = {d.year for d in committee.meetings.dates("starts_at", "year")}
    years.add(date.today().year)
    return sorted(years)
