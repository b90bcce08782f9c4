"""Deadlines on Brazilian working days (national holidays from ``holidays``), the expiry job and reminders."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string

from pnetp.notifications.models import Kind, Notification
from pnetp.referrals.deadlines import add_working_days, answer_deadline, is_working_day
from pnetp.referrals.models import Purpose, Referral, ReferralTransition, State
from pnetp.referrals.services.referrals import ReferralRequest, expire_overdue, send_referral, send_reminders

from .conftest import open_case

SP = ZoneInfo("America/Sao_Paulo")


def test_working_days_skip_weekends_and_national_holidays():
    assert not is_working_day(date(2026, 11, 20))  # Consciência Negra (national since 2024)
    assert not is_working_day(date(2026, 4, 3))  # Good Friday (a movable date)
    assert is_working_day(date(2026, 2, 17))  # Carnival is a "ponto facultativo", not a national holiday
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    # Wed 18/11/2026 + 5 working days: Thu 19, (Fri 20 holiday), Mon 23, Tue 24, Wed 25, Thu 26.
    assert add_working_days(date(2026, 11, 18), 5) == date(2026, 11, 26)


def test_answer_deadline():
    sent = datetime(2026, 11, 18, 15, 0, tzinfo=SP)
    assert answer_deadline(sent, urgent=True) == sent + timedelta(hours=24)
    assert timezone.localtime(answer_deadline(sent, urgent=False)).replace(tzinfo=None) == datetime(
        2026, 11, 26, 23, 59, 59
    )


def _send(world, urgent=False):
    atendimento = open_case(world, consents=(Purpose.NETWORK,), threat_to_life=urgent)
    request = ReferralRequest(purpose="network", service="legal", profile="minimal", to_unit=world.units["creas"])
    return send_referral(world.users["netp"], atendimento, request)


def test_threat_to_life_makes_the_referral_urgent(world):
    referral = _send(world, urgent=True)
    assert referral.urgent and referral.deadline - referral.sent_at == timedelta(hours=24)


def test_expiry_job_and_command(world, django_capture_on_commit_callbacks):
    world.users["creas"].email = "creas@example.org"
    world.users["creas"].save()
    due, fresh = _send(world), _send(world)
    past = timezone.now() - timedelta(days=10)
    Referral.objects.filter(pk=due.pk).update(sent_at=past, deadline=past + timedelta(days=7))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_overdue() == [due.pk]
    assert Referral.objects.get(pk=due.pk).state == State.EXPIRED
    assert Referral.objects.get(pk=fresh.pk).state == State.SENT
    log = ReferralTransition.objects.filter(referral=due).last()
    assert (log.to_state, log.by) == (State.EXPIRED, None)
    # Both sides are told, each member by their own e-mail: the NETP (netp and its chief) and the CREAS.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "creas@example.org",
        "t.netp.chefe@example.org",
        "t.netp@example.org",
    ]
    message = mail.outbox[0]
    assert "expirou" in message.subject
    assert "Maria" not in message.body and str(due.atendimento.person.pseudonym) not in message.body
    assert f"/atendimento/encaminhamentos/{due.pk}/" in message.body
    expired = Notification.objects.filter(kind=Kind.REFERRAL_EXPIRED)
    assert sorted(expired.values_list("recipient__username", flat=True)) == ["t.creas", "t.netp", "t.netp.chefe"]
    call_command("referrals", "expire")  # idempotent: nothing left to expire
    assert Referral.objects.filter(state=State.EXPIRED).count() == 1


def test_reminder_once_before_the_deadline(world, django_capture_on_commit_callbacks):
    world.users["creas"].email = "creas@example.org"
    world.users["creas"].save()
    referral = _send(world)
    soon = timezone.now() + timedelta(hours=2)
    Referral.objects.filter(pk=referral.pk).update(deadline=soon)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders() == [referral.pk]
        assert send_reminders() == []
    assert len(mail.outbox) == 1 and "prazo de resposta próximo" in mail.outbox[0].subject
    [notification] = Notification.objects.filter(kind=Kind.REFERRAL_REMINDER)
    assert (
        notification.recipient == world.users["creas"]
        and notification.url == f"/atendimento/encaminhamentos/{referral.pk}/"
    )


def test_the_worker_runs_expiry_and_reminders_periodically(world, settings):
    periodic = dict(settings.PNETP_WORKER_PERIODIC)
    assert periodic["pnetp.referrals.tasks.expire_overdue_job"] <= 3600
    assert periodic["pnetp.referrals.tasks.send_reminders_job"] <= 3600
    due, near = _send(world), _send(world)
    past = timezone.now() - timedelta(days=10)
    Referral.objects.filter(pk=due.pk).update(sent_at=past, deadline=past + timedelta(days=7))
    Referral.objects.filter(pk=near.pk).update(deadline=timezone.now() + timedelta(hours=2))
    assert import_string("pnetp.referrals.tasks.expire_overdue_job").enqueue().return_value == [due.pk]
    assert import_string("pnetp.referrals.tasks.send_reminders_job").enqueue().return_value == [near.pk]
    assert Referral.objects.get(pk=due.pk).state == State.EXPIRED
