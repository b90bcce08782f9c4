"""Linkage work in progress or needing attention, for the home page after sign-in (``workspace.dashboard``).

Reads only: linkage runs that are running or ended badly recently, and the pairs waiting in the unique-persons
review. Counts and run numbers only, never a record's content.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import LinkageRun, ReviewPair

RECENT = timedelta(days=14)
_BAD_RUNS = (LinkageRun.Status.FAILED, LinkageRun.Status.INTERRUPTED)


def linkage_runs_to_follow():
    since = timezone.now() - RECENT
    return LinkageRun.objects.filter(
        Q(status=LinkageRun.Status.RUNNING) | Q(status__in=_BAD_RUNS, started_at__gte=since)
    ).order_by("-started_at")[:5]


def pairs_to_review() -> int:
    return ReviewPair.objects.filter(status=ReviewPair.Status.PENDING).count()
