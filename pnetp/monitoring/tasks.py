"""Monitoring's jobs on the queue (``pnetp.core.jobs``): the e-mail reminders about owed reports.

``pnetp worker`` enqueues ``send_reminders_job`` every hour (``PNETP_WORKER_PERIODIC``); ``SentReminder``
lets each reminder go out at most once a day, so the hourly runs send only what is due and not yet sent,
and a failed send (mail server down) is retried by the next run. ``pnetp send-reminders --fila`` enqueues it.
"""

from datetime import date

from django.utils import timezone
from django_tasks import task

from .services.reminders import send_reminders


@task()
def send_reminders_job(today: str = "", days_before: int = 7) -> int:
    """Send the reminders of ``today`` (ISO date; empty: the local date when the job runs); returns how many."""
    reference = date.fromisoformat(today) if today else timezone.localdate()
    return len(send_reminders(reference, days_before))
