"""SISETP work in progress or needing attention, for the home page after sign-in (``workspace.dashboard``).

Reads only: imports and linkage runs that are running or ended badly recently, and the pairs waiting in the
unique-persons review. Counts and job numbers only, never a record's content.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from pnetp.accounts.permissions import is_coordination

from ..models import ImportJob, LinkageRun, ReviewPair

RECENT = timedelta(days=14)
_ACTIVE_IMPORTS = (ImportJob.Status.VALIDATING, ImportJob.Status.VALID, ImportJob.Status.RUNNING)
_BAD_IMPORTS = (ImportJob.Status.FAILED, ImportJob.Status.INVALID)
_BAD_RUNS = (LinkageRun.Status.FAILED, LinkageRun.Status.INTERRUPTED)


def imports_to_follow(user):
    """Running imports and recent failed ones: every import for the coordination, one's own otherwise."""
    since = timezone.now() - RECENT
    rows = ImportJob.objects.filter(
        Q(status__in=_ACTIVE_IMPORTS) | Q(status__in=_BAD_IMPORTS, updated_at__gte=since)
    ).select_related("source")
    if not is_coordination(user):
        rows = rows.filter(user=user)
    return rows.order_by("-created_at")[:10]


def linkage_runs_to_follow():
    since = timezone.now() - RECENT
    return LinkageRun.objects.filter(
        Q(status=LinkageRun.Status.RUNNING) | Q(status__in=_BAD_RUNS, started_at__gte=since)
    ).order_by("-started_at")[:5]


def pairs_to_review() -> int:
    return ReviewPair.objects.filter(status=ReviewPair.Status.PENDING).count()
