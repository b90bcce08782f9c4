"""The referral flow's periodic jobs, enqueued by every ``pnetp worker`` (settings ``PNETP_WORKER_PERIODIC``).

Both are idempotent (an expired referral is not expired again; ``reminded_at`` lets a reminder go out once), so
duplicate enqueues by several workers are harmless. ``pnetp referrals expire`` runs the same functions by hand.
"""

from django_tasks import task

from .services.referrals import expire_overdue, send_reminders


@task()
def expire_overdue_job() -> list[int]:
    """Mark expired the unanswered referrals past their deadline (and notify both sides); returns their ids."""
    return expire_overdue()


@task()
def send_reminders_job() -> list[int]:
    """Remind destinations whose answer deadline is near; returns the referrals reminded."""
    return send_reminders()
