"""The uploads clean-up (``pnetp sisetp cleanup-uploads`` and the worker's hourly job): files of finished
imports go at once, abandoned ones after the age limit, jobs in progress are never touched."""

import os
import time
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from pnetp.sisetp import tasks
from pnetp.sisetp.ingestion.jobs import upload_dir
from pnetp.sisetp.models import ImportJob

from .test_ingestion_fixtures import feed  # noqa: F401


def job(feed, status, name, *, hours_ago=0):
    path = upload_dir() / name
    path.write_text("fonte,id_registro\n")
    created = ImportJob.objects.create(
        source=feed.source, layout="standard", file_path=str(path), file_name=name, status=status
    )
    ImportJob.objects.filter(pk=created.pk).update(updated_at=timezone.now() - timedelta(hours=hours_ago))
    return created, path


def test_finished_and_abandoned_uploads_are_deleted(feed, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.PNETP_UPLOAD_MAX_AGE_HOURS = 24
    _done, done = job(feed, ImportJob.Status.DONE, "a.csv")
    _invalid, invalid = job(feed, ImportJob.Status.INVALID, "b.csv")
    _failed, failed = job(feed, ImportJob.Status.FAILED, "c.csv")
    _fresh, waiting = job(feed, ImportJob.Status.VALID, "d.csv", hours_ago=2)
    old, abandoned = job(feed, ImportJob.Status.VALID, "e.csv", hours_ago=30)
    _running, running = job(feed, ImportJob.Status.RUNNING, "f.csv", hours_ago=30)
    orphan = upload_dir() / "orfao.csv"
    orphan.write_text("x")
    os.utime(orphan, (time.time() - 30 * 3600,) * 2)
    recent_orphan = upload_dir() / "recente.csv"
    recent_orphan.write_text("x")

    assert tasks.cleanup_uploads.call() == {"files": 5, "abandoned": 1}

    assert not any(p.exists() for p in (done, invalid, failed, abandoned, orphan))
    assert waiting.exists() and running.exists() and recent_orphan.exists()
    old.refresh_from_db()
    assert old.status == "falhou" and "abandonada" in old.message
    assert tasks.cleanup_uploads.call() == {"files": 0, "abandoned": 0}  # nothing left to do


def test_the_command_takes_an_age(feed, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    _job, waiting = job(feed, ImportJob.Status.VALID, "d.csv", hours_ago=2)
    out = StringIO()
    call_command("sisetp", "cleanup-uploads", "--horas", "1", stdout=out)
    assert not waiting.exists()
    assert "1 arquivo(s) apagado(s); 1 importação(ões) abandonada(s)" in out.getvalue()
