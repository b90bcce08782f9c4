"""Jobs queued under the old module paths (before the linkage and the statistics left sisetp) still run after the move."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

migration = importlib.import_module("pnetp.linkage.migrations.0002_queued_jobs_follow_the_move")


def _job(path: str, status: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        task_path=path,
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


@pytest.mark.django_db
def test_waiting_jobs_are_pointed_at_the_new_paths_and_history_is_left_alone():
    waiting = {old: _job(old, "READY") for old in migration.MOVED}
    finished = _job("pnetp.sisetp.linkage.service.run_queued", "SUCCESSFUL")
    other = _job("pnetp.sisetp.tasks.sweep", "READY")

    migration.follow(apps, None)

    for old, job in waiting.items():
        job.refresh_from_db()
        assert job.task_path == migration.MOVED[old]
        import_string(job.task_path)  # the worker can load it
    finished.refresh_from_db()
    other.refresh_from_db()
    assert finished.task_path == "pnetp.sisetp.linkage.service.run_queued"
    assert other.task_path == "pnetp.sisetp.tasks.sweep"

    migration.back(apps, None)
    assert {job.task_path for job in DBTaskResult.objects.filter(status="READY")} == {*migration.MOVED, other.task_path}
