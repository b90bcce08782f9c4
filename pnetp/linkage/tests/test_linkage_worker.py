"""A linkage run queued from the web and run by a REAL worker process, killed (SIGKILL) in the middle: no person
id was written, the run's one access-log entry says what it read, the sweep marks it interrupted, and a new run
is allowed and completes. Records are fictitious (``world``)."""

import signal
import subprocess
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pnetp.linkage import service
from pnetp.linkage.models import LinkageRun
from pnetp.sisetp.models import CasePerson, IdentityAccessLog

from .test_linkage_review_web import FAKE_IDENTITY, person
from pnetp.sisetp.tests.worker_process import DATABASE_QUEUE, IMMEDIATE, SharedDatabase

pytestmark = pytest.mark.django_db(transaction=True)  # the worker must see committed rows


def test_a_worker_killed_mid_run_writes_no_person_id_and_a_new_run_goes(client, world, settings, tmp_path):
    person(world.disque100, "D100-0002", {**FAKE_IDENTITY, "full_name": "Joana F. da Silva"}, sex="feminino")
    person(world.inspection, "AFT-0009", {"full_name": "Joana Inventada Souza"}, age_at_identification=23)
    settings.TASKS = DATABASE_QUEUE
    shared = SharedDatabase(tmp_path)
    client.force_login(world.users.coordination)
    client.post(reverse("linkage:runs"))
    run = LinkageRun.objects.get()
    shared.export()
    command, env = shared.worker(tmp_path)
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while shared.row(LinkageRun, run.pk, ["stage"], busy=("",))[0] != "ligando":  # identities read, now linking
            assert process.poll() is None and time.monotonic() < deadline, process.stderr.read().decode()
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    shared.load()
    run.refresh_from_db()
    assert run.status == "em_andamento" and run.stage == "ligando"  # killed before it finished
    assert not CasePerson.objects.exclude(person_key=None).exists()  # no person id written
    read = IdentityAccessLog.objects.get(action="read")
    assert read.linkage_run == run and read.count == 3  # the killed run is logged with what it read

    with pytest.raises(service.RunRefused):  # a live-looking run still blocks
        service.create_run(world.users.coordination)
    LinkageRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now() - service.DEAD_AFTER - timedelta(seconds=1))
    settings.TASKS = IMMEDIATE
    client.post(reverse("linkage:runs"))  # the dead run is marked interrupted and a new one runs
    run.refresh_from_db()
    again = LinkageRun.objects.exclude(pk=run.pk).get()
    assert run.status == "interrompida" and again.status == "concluida"
    assert CasePerson.objects.exclude(person_key=None).count() == 3
