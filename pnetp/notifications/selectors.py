"""Reads: a user's inbox and unread count."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Notification


def inbox(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    rows = Notification.objects.filter(recipient=user)
    return rows.filter(read_at__isnull=True) if unread_only else rows


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def access_notification(user, pk: int) -> Notification:
    """The user's own notification, or 404 (another user's notification is not revealed)."""
    return get_object_or_404(Notification, pk=pk, recipient=user)
