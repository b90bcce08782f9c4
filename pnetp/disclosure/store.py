"""Stored releases: save the latest, read it back, and one lock row per release name while recomputing."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ReleaseLock, StoredRelease

KEEP = 5  # older releases of a name are deleted; the latest few stay for comparison
LOCK_TIMEOUT = timedelta(hours=1)  # a lock older than this was left by a process that died


def save(name: str, fingerprint: str, k: int, tables: dict, seconds: float) -> StoredRelease:
    with transaction.atomic():
        stored = StoredRelease.objects.create(name=name, fingerprint=fingerprint, k=k, tables=tables,
                                              seconds=round(seconds, 3))
        old = StoredRelease.objects.filter(name=name).values_list("pk", flat=True)[KEEP:]
        StoredRelease.objects.filter(pk__in=list(old)).delete()
    return stored


def latest(name: str) -> StoredRelease | None:
    """The latest release of ``name``; its ``tables`` (the large JSON) is read only when accessed."""
    return StoredRelease.objects.filter(name=name).defer("tables").first()


def acquire(name: str) -> bool:
    """Take the lock of ``name``; False when another recompute holds it (and is not older than the timeout)."""
    ReleaseLock.objects.filter(name=name, started_at__lt=timezone.now() - LOCK_TIMEOUT).delete()
    try:
        with transaction.atomic():
            ReleaseLock.objects.create(name=name)
    except IntegrityError:
        return False
    return True


def release_lock(name: str) -> None:
    ReleaseLock.objects.filter(name=name).delete()


def is_locked(name: str) -> bool:
    return ReleaseLock.objects.filter(name=name, started_at__gte=timezone.now() - LOCK_TIMEOUT).exists()
