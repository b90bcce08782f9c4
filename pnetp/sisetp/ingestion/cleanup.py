"""Deleting the uploaded files of web imports once nobody needs them (a periodic job, and ``pnetp sisetp
cleanup-uploads``).

Finished imports (written, invalid, failed) need their files no more. A job left validated and never confirmed,
or interrupted and never sent again, is abandoned after ``PNETP_UPLOAD_MAX_AGE_HOURS`` (default 24): its files
are deleted and the job is marked failed, saying so. Files in the upload folder that no job names (a request
that died between saving and creating its job) go after the same age. Jobs in progress are never touched.
"""

import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ImportJob
from .jobs import upload_dir

FINISHED = (ImportJob.Status.DONE, ImportJob.Status.INVALID, ImportJob.Status.FAILED, ImportJob.Status.CANCELLED)
WAITING = (ImportJob.Status.VALID, ImportJob.Status.INTERRUPTED)


@dataclass
class Cleaned:
    files: int = 0  # files deleted
    abandoned: int = 0  # jobs given up as abandoned


def max_age() -> timedelta:
    return timedelta(hours=float(getattr(settings, "PNETP_UPLOAD_MAX_AGE_HOURS", 24)))


def cleanup_uploads(*, older_than: timedelta | None = None) -> Cleaned:
    """Delete the files of finished and abandoned imports, and orphan files; returns what was done."""
    older_than = max_age() if older_than is None else older_than
    deadline = timezone.now() - older_than
    cleaned = Cleaned()
    abandoned = ImportJob.objects.filter(status__in=WAITING, updated_at__lt=deadline)
    for job in abandoned:
        done = ImportJob.objects.filter(pk=job.pk, status=job.status).update(  # unless confirmed meanwhile
            status=ImportJob.Status.FAILED,
            message=_("Tarefa abandonada: os arquivos enviados foram apagados após %(hours)s horas sem confirmação.")
            % {"hours": f"{older_than.total_seconds() / 3600:g}"},
        )
        cleaned.abandoned += done
    in_use = set()
    for status, *paths in ImportJob.objects.values_list("status", "file_path", "identity_file_path"):
        for path in filter(None, paths):
            if status in FINISHED:
                cleaned.files += _unlink(Path(path))
            else:
                in_use.add(Path(path).name)
    cutoff = time.time() - older_than.total_seconds()
    for path in upload_dir().iterdir():
        if path.is_file() and path.name not in in_use and path.stat().st_mtime < cutoff:
            cleaned.files += _unlink(path)
    return cleaned


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1
