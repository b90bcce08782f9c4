"""Jobs queued before the linkage and the statistics left ``pnetp.sisetp`` still name the old module paths.

A worker could not import them and the run would wait for the sweep to call it interrupted; the queued rows are
pointed at the new paths instead. Only jobs still waiting are touched: the others are history.
"""

from django.db import migrations

MOVED = {
    "pnetp.sisetp.linkage.service.run_queued": "pnetp.linkage.service.run_queued",
    "pnetp.sisetp.statistics.store.recompute": "pnetp.statistics.store.recompute",
}
UNFINISHED = ("READY",)  # a RUNNING row died with the old code: the sweep calls its run interrupted


def follow(apps, schema_editor):
    jobs = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in MOVED.items():
        jobs.objects.filter(task_path=old, status__in=UNFINISHED).update(task_path=new)


def back(apps, schema_editor):
    jobs = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in MOVED.items():
        jobs.objects.filter(task_path=new, status__in=UNFINISHED).update(task_path=old)


class Migration(migrations.Migration):
    dependencies = [
        ("linkage", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(follow, back)]
