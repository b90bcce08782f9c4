"""SISETP work in progress or needing attention, for the home page after sign-in (``workspace.dashboard``).

Reads only: imports that are running or ended badly recently (linkage runs and review pairs:
``pnetp.linkage.worklist``). Counts and job numbers only, never a record's content.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from pnetp.accounts.permissions import is_coordination

from ..models import ImportJob

RECENT = timedelta(days=14)
_ACTIVE_IMPORTS = (ImportJob.Status.VALIDATING, ImportJob.Status.VALID, ImportJob.Status.RUNNING)
_BAD_IMPORTS = (ImportJob.Status.FAILED, ImportJob.Status.INVALID)


def imports_to_follow(user):
    """Running imports and recent failed ones: every import for the coordination, one's own otherwise."""
    since = timezone.now() - RECENT
    rows = ImportJob.objects.filter(
        Q(status__in=_ACTIVE_IMPORTS) | Q(status__in=_BAD_IMPORTS, updated_at__gte=since)
    ).select_related("source")
    if not is_coordination(user):
        rows = rows.filter(user=user)
    return rows.order_by("-created_at")[:10]
