"""The year a committee page shows (``?ano=``), the current one by default."""

from django.utils import timezone


def meeting_year(request) -> int:
    value = request.GET.get("ano", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else timezone.localdate().year
