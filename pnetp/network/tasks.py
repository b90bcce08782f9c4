"""The network's periodic job, enqueued by every ``pnetp worker`` (settings ``PNETP_WORKER_PERIODIC``).

Idempotent (``TermReminder`` rows let each reminder go out once), so duplicate enqueues are harmless.
"""

from django_tasks import task

from .services.term_reminders import send_term_reminders


@task()
def send_term_reminders_job() -> int:
    """Remind committee secretariats of terms ending in the next 60 days (and 15); returns notifications written."""
    return send_term_reminders()
