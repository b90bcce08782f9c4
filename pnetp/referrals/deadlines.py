"""Answer deadlines: 24 hours when urgent, otherwise 5 Brazilian working days.

Working days skip Saturdays, Sundays and the national holidays of the maintained ``holidays`` library
(``holidays.Brazil``, public category: the fixed dates and Good Friday; Carnival and Corpus Christi are
"pontos facultativos" nationally and count as working days).
The deadline is the end of the working day reached (23:59:59 in the platform's time zone).
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

URGENT_HOURS = 24
WORKING_DAYS = 5
REMINDER_BEFORE = timedelta(hours=6)


@lru_cache(maxsize=16)
def _national_holidays(year: int) -> holidays.HolidayBase:
    return holidays.Brazil(years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _national_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def answer_deadline(sent_at: datetime, *, urgent: bool) -> datetime:
    if urgent:
        return sent_at + timedelta(hours=URGENT_HOURS)
    local = timezone.localtime(sent_at)
    last_day = add_working_days(local.date(), WORKING_DAYS)
    return timezone.make_aware(datetime.combine(last_day, time(23, 59, 59)), local.tzinfo)
