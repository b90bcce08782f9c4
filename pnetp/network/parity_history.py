"""Months with parity broken (issue 14, indicators per year): read back from the seats' record.

A seat's dates say when it counted (``Seat.is_active_on``), so the composition of any past day is known and
parity can change only on a day some seat starts, leaves (``end_date``) or sees its term expire (the day after
``term_end``). A month counts as broken when parity was broken on at least one of its days up to the reference
date; a seat that ends and is replaced the same day leaves no gap, one replaced days later breaks the month.
Months before the first recorded seat, and after the reference date, are not observed (no record to judge).
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from .models import Committee, Seat, SeatRole, Segment
from .services.committees import ParityCheck


@dataclass
class ParityMonths:
    year: int
    reference_date: date  # the last day looked at: today in the current year, 31 December before
    observed: list[int] = field(default_factory=list)  # months with a record (1–12)
    broken: list[int] = field(default_factory=list)  # months with parity broken on at least one day

    @property
    def broken_count(self) -> int:
        return len(self.broken)


def _met(committee: Committee, holders: list[Seat], day: date) -> bool:
    active = [s for s in holders if s.is_active_on(day)]
    check = ParityCheck(
        committee=committee, day=day,
        government=sum(1 for s in active if s.segment == Segment.GOVERNMENT),
        civil_society=sum(1 for s in active if s.segment == Segment.CIVIL_SOCIETY),
        other=sum(1 for s in active if s.segment == Segment.OTHER),
        required_government=committee.parity_government, required_civil_society=committee.parity_civil_society,
    )  # fmt: skip
    return check.met


def _change_days(holders: list[Seat]) -> set[date]:
    days = set()
    for seat in holders:
        days.add(seat.term_start)
        if seat.end_date:
            days.add(seat.end_date)
        if seat.term_end:
            days.add(seat.term_end + timedelta(days=1))
    return days


def parity_broken_months(committee: Committee, year: int, today: date | None = None) -> ParityMonths:
    """The months of ``year`` in which ``committee``'s parity rule was broken on some day."""
    today = today or timezone.localdate()
    reference = min(today, date(year, 12, 31))
    result = ParityMonths(year, reference)
    holders = list(committee.seats.filter(role=SeatRole.HOLDER))
    if not holders or reference < date(year, 1, 1):
        return result
    first = min(s.term_start for s in holders)
    changes = _change_days(holders)
    for month in range(1, 13):
        start = max(date(year, month, 1), first)
        end = min(date(year, month, calendar.monthrange(year, month)[1]), reference)
        if start > end:
            continue
        result.observed.append(month)
        days = {start} | {d for d in changes if start < d <= end}
        if not all(_met(committee, holders, day) for day in sorted(days)):
            result.broken.append(month)
    return result
