"""Linkage faults of issue 12, item 9: one run at a time whatever starts it (a database constraint, not a check
that two processes can both pass), and one access-log entry per run with the count of identities read, failed
runs included. Records are fictitious (the ``world`` fixture)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from pnetp.linkage import service
from pnetp.linkage.models import LinkageRun, ReviewPair
from pnetp.sisetp.models import IdentityAccessLog


def test_the_database_refuses_a_second_running_run(world):
    LinkageRun.objects.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        LinkageRun.objects.create()
    LinkageRun.objects.create(status=LinkageRun.Status.DONE)  # finished runs are not limited


def test_the_cli_is_refused_while_a_run_started_on_the_web_is_on(client, world):
    client.force_login(world.users.coordination)
    client.post(reverse("linkage:runs"))  # queued for a worker (the test's transaction never commits)
    web_run = LinkageRun.objects.get()
    assert web_run.status == "em_andamento"
    with pytest.raises(CommandError, match="Já há uma ligação de registros em andamento; aguarde o fim dela."):
        call_command("sisetp", "dedupe")
    assert LinkageRun.objects.count() == 1
    with pytest.raises(service.RunRefused):  # nor another web one
        service.start_run(world.users.coordination)


def test_a_failed_run_is_logged_once_with_what_it_read(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("falha simulada")

    monkeypatch.setattr(service, "link_columns", broken)
    with pytest.raises(RuntimeError):
        service.dedupe_database(user=world.users.coordination)
    run = LinkageRun.objects.get()
    assert run.status == "falhou"
    read = IdentityAccessLog.objects.get(action="read")  # one entry, not one per identity
    assert read.linkage_run == run and read.count == 1 and read.user == world.users.coordination


def test_each_run_adds_one_entry(world):
    service.dedupe_database()
    service.dedupe_database()
    entries = IdentityAccessLog.objects.filter(action="read").order_by("pk")
    assert [entry.count for entry in entries] == [1, 1]
    assert [entry.linkage_run_id for entry in entries] == list(
        LinkageRun.objects.order_by("pk").values_list("pk", flat=True)
    )


def test_the_linkage_services_check_their_own_permission(world):
    with pytest.raises(PermissionDenied):
        service.start_run(world.users.analyst)  # reviewing is theirs, starting a run is the coordination's
    pair = ReviewPair.objects.create(left_record="a|1|1", right_record="b|1|1", probability=0.5)
    with pytest.raises(PermissionDenied):
        service.decide_pair(world.users.focal_point, pair, same=True)
    service.decide_pair(world.users.analyst, pair, same=False, note="datas diferentes")
    pair.refresh_from_db()
    assert pair.status == ReviewPair.Status.DIFFERENT and pair.decided_by == world.users.analyst
    assert not LinkageRun.objects.exists()
