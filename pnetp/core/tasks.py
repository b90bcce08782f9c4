"""Periodic upkeep of the queue itself (``PNETP_WORKER_PERIODIC``)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

KEEP_FINISHED = timedelta(days=7)


@task()
def prune_finished_jobs() -> int:
    """Forget the queue's rows of jobs finished more than KEEP_FINISHED ago (their own records stay)."""
    deleted, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - KEEP_FINISHED).delete()
    return deleted
