"""A linkage run's liveness: a run whose process died (no heartbeat for a few minutes) is marked
"interrompida" and no longer blocks a new one; a live run, however old, still does."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pnetp.core import jobs as queue
from pnetp.linkage import service
from pnetp.linkage.models import LinkageRun


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch):
    monkeypatch.setattr(queue, "ENQUEUE_AT_ONCE", True)  # the test's transaction never commits


def running(started_ago: timedelta, heartbeat_ago: timedelta | None) -> LinkageRun:
    run = LinkageRun.objects.create(status=LinkageRun.Status.RUNNING, stage="ligando")
    now = timezone.now()
    LinkageRun.objects.filter(pk=run.pk).update(
        started_at=now - started_ago, heartbeat_at=None if heartbeat_ago is None else now - heartbeat_ago
    )
    return run


def test_a_dead_run_no_longer_blocks_a_new_one(client, world):
    dead = running(timedelta(minutes=20), heartbeat_ago=service.DEAD_AFTER + timedelta(seconds=5))
    client.force_login(world.users.coordination)
    response = client.post(reverse("linkage:runs"))
    dead.refresh_from_db()
    assert dead.status == "interrompida" and dead.finished_at and dead.stage == ""
    assert "nova execução pode ser iniciada" in dead.error
    new = LinkageRun.objects.exclude(pk=dead.pk).get()
    assert response.url == reverse("linkage:run", args=[new.pk]) and new.status == "concluida"
    page = client.get(reverse("linkage:run", args=[dead.pk])).content.decode()
    assert "Interrompida" in page and 'http-equiv="refresh"' not in page
    assert "Interrompida" in client.get(reverse("linkage:runs")).content.decode()


def test_a_live_run_still_blocks_however_long_it_runs(client, world):
    live = running(timedelta(hours=8), heartbeat_ago=timedelta(seconds=40))
    client.force_login(world.users.coordination)
    page = client.get(reverse("linkage:runs")).content.decode()
    assert f"A execução {live.pk} está em andamento" in page and "Executar a ligação" not in page
    response = client.post(reverse("linkage:runs"), follow=True)
    assert "em andamento" in response.content.decode() and LinkageRun.objects.count() == 1
    live.refresh_from_db()
    assert live.status == "em_andamento"


def test_showing_the_pages_marks_a_run_without_any_heartbeat_interrupted(client, world):
    """Runs from before the heartbeat (or whose process died before its first beat) go by their start."""
    silent = running(service.DEAD_AFTER + timedelta(minutes=1), heartbeat_ago=None)
    client.force_login(world.users.analyst)
    page = client.get(reverse("linkage:run", args=[silent.pk])).content.decode()
    assert "Interrompida" in page
    silent.refresh_from_db()
    assert silent.status == "interrompida"
    fresh = running(timedelta(seconds=10), heartbeat_ago=None)  # one running run at a time: after the other
    client.get(reverse("linkage:run", args=[fresh.pk]))
    fresh.refresh_from_db()
    assert fresh.status == "em_andamento"


def test_progress_steps_beat_throttled(world, monkeypatch):
    run = running(timedelta(0), heartbeat_ago=timedelta(hours=1))
    beats = []
    monkeypatch.setattr(service, "beat", lambda pk: beats.append(pk))

    def fake_load(*, run, user, progress):
        progress("lendo", 0)  # a new stage stores the stage and beats with it
        for _ in range(100):
            progress("lendo", 1000)  # every chunk: throttled, no write
        raise RuntimeError("parou aqui")

    monkeypatch.setattr(service, "load_columns", fake_load)
    with pytest.raises(RuntimeError):
        service.dedupe_database(run=run)
    run.refresh_from_db()
    assert beats == [] and run.heartbeat_at > timezone.now() - timedelta(seconds=30)
    assert run.status == "falhou"


@pytest.mark.django_db(transaction=True)
def test_keep_alive_thread_beats_until_stopped(monkeypatch):
    monkeypatch.setattr(service, "HEARTBEAT_EVERY", timedelta(seconds=0.05))
    monkeypatch.setattr(queue, "HEARTBEAT_THREAD", True)
    run = running(timedelta(minutes=30), heartbeat_ago=timedelta(minutes=30))
    alive = queue.Heartbeat(lambda: service.beat(run.pk), 0.05, "teste")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.heartbeat_at > timezone.now() - timedelta(minutes=1):
            break
        time.sleep(0.05)
    alive.stop()
    alive.thread.join(5)
    assert not alive.thread.is_alive()
    assert run.heartbeat_at > timezone.now() - timedelta(minutes=1)
    assert service.interrupt_dead_runs() == 0
