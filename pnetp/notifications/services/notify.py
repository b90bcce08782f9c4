"""Create notifications and send their e-mails; mark them read; change the e-mail preference.

``notify`` is the one entry point for other apps: it records the in-app notification and, after the
transaction commits, e-mails it to users who want immediate e-mails. Users who chose the daily digest get it
from ``send_digests`` (``pnetp send-digests``).
"""

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..models import Notification, NotificationPreference
from .mail import digest_message, immediate_message

logger = logging.getLogger(__name__)
Delivery = NotificationPreference.Delivery


def delivery_of(user) -> str:
    preference = NotificationPreference.objects.filter(user=user).only("delivery").first()
    return preference.delivery if preference else Delivery.IMMEDIATE


def _send_now(notification_pk: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_pk)
    try:
        immediate_message(notification).send()
    except Exception:  # the notification stays in the inbox; a failed mail must not break the action
        logger.exception("Falha ao enviar a notificação %s por e-mail", notification_pk)
        return
    Notification.objects.filter(pk=notification_pk).update(emailed_at=timezone.now())


def notify(recipient, *, kind: str, title: str, url: str, body: str = "") -> Notification | None:
    """Record a notification for an active ``recipient`` and e-mail it after commit if they want it now.

    ``title`` and ``body`` must not carry personal data: they go out by e-mail as they are.
    """
    if recipient is None or not recipient.is_active:
        return None
    notification = Notification.objects.create(recipient=recipient, kind=kind, title=title[:300], body=body, url=url)
    if recipient.email and delivery_of(recipient) == Delivery.IMMEDIATE:
        transaction.on_commit(lambda: _send_now(notification.pk))
    return notification


def notify_all(recipients: Iterable, *, kind: str, title: str, url: str, body: str = "") -> list[Notification]:
    """``notify`` each distinct recipient once."""
    seen, created = set(), []
    for recipient in recipients:
        if recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        if notification := notify(recipient, kind=kind, title=title, url=url, body=body):
            created.append(notification)
    return created


def mark_read(user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def set_delivery(user, *, delivery: str) -> NotificationPreference:
    if not user.is_authenticated:
        raise PermissionDenied
    preference, _created = NotificationPreference.objects.update_or_create(user=user, defaults={"delivery": delivery})
    return preference


def send_digests() -> int:
    """E-mail each digest user the notifications not yet e-mailed, in one message; returns messages sent.

    Runs daily (cron/systemd timer); each notification goes out at most once (``emailed_at``).
    """
    owed = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            recipient__is_active=True,
            recipient__notification_preference__delivery=Delivery.DIGEST,
        )
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in owed:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    for items in by_user.values():
        with transaction.atomic():
            pks = [n.pk for n in items]
            # Claim first: two runs at once cannot both send the same notifications.
            claimed = Notification.objects.filter(pk__in=pks, emailed_at__isnull=True).update(emailed_at=timezone.now())
            if claimed != len(pks):
                transaction.set_rollback(True)
                continue
            digest_message(items[0].recipient, items).send()
        sent += 1
    return sent
