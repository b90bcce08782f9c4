"""``pnetp send-reminders``: reminders, overdue notices, escalation and idempotency."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from pnetp.monitoring.models import MonitoringCycle, SentReminder

from .conftest import make_report


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.PNETP_BASE_URL = "http://testserver"


@pytest.fixture
def pending(world):
    """MJSP still owes 1.1.2 (draft) and 1.2.1 (returned); MDHC delivered everything it owes."""
    make_report(world, "1.1.1", "MJSP", state="submitted", status="concluida")
    make_report(world, "1.1.2", "MJSP", state="draft")
    make_report(world, "1.2.1", "MJSP", state="returned", status="atrasada")
    make_report(world, "2.1.1", "MDHC", state="approved", status="concluida")
    make_report(world, "2.1.2", "MDHC", state="submitted", status="em-andamento")
    return world


def listed(body: str) -> list[str]:
    """Activity codes listed in a reminder, in order ("- 1.1.2 – Ativ. 1.1.2" lines)."""
    return [line[2:].split(" – ")[0] for line in body.splitlines() if line.startswith("- ")]


def run(today, *args):
    out = StringIO()
    call_command("send_reminders", "--today", today, *args, stdout=out)
    return out.getvalue()


def test_nothing_before_the_reminder_window(pending):
    run("2025-07-07")  # 8 days before the 15/07 deadline
    assert mail.outbox == []
    run("2025-07-01", "--days-before", "14")
    assert len(mail.outbox) == 1


def test_reminder_before_the_deadline_is_sent_once_a_day(pending):
    output = run("2025-07-08")
    [message] = mail.outbox
    assert sorted(message.to) == ["mjsp2@exemplo.gov.br", "mjsp@exemplo.gov.br"]  # not committee nor analyst
    assert message.subject == "[PNETP] Lembrete: relatórios do ciclo 2025.1 vencem em 15/07/2025"
    assert "Prezada equipe MJSP" in message.body
    assert listed(message.body) == ["1.1.2", "1.2.1"] and "1.1.1" not in message.body
    # Each activity with its title and the full link to its report form.
    assert "- 1.1.2 – Ativ. 1.1.2\n  http://testserver/monitoramento/atividades/teste/1.1.2/ciclos/" in message.body
    assert "1 e-mail(s) enviado(s) em 08/07/2025" in output

    run("2025-07-08")
    assert len(mail.outbox) == 1  # idempotent within the day
    assert SentReminder.objects.get().activity_codes == "1.1.2, 1.2.1"

    run("2025-07-09")
    assert len(mail.outbox) == 2  # a new day, a new reminder


def test_focal_points_without_email_or_inactive_are_skipped(pending):
    u = pending.users
    u.mjsp2.email = ""
    u.mjsp2.save()
    run("2025-07-15")  # the deadline day itself is still "before"
    assert mail.outbox[0].to == ["mjsp@exemplo.gov.br"]
    u.mjsp.is_active = False
    u.mjsp.save()
    run("2025-07-14")
    assert len(mail.outbox) == 1  # nobody left to write to, and nothing recorded
    assert SentReminder.objects.filter(sent_on="2025-07-14").count() == 0


def test_overdue_notice_after_the_deadline_without_escalation(pending):
    run("2025-07-16")
    [message] = mail.outbox
    assert message.subject == "[PNETP] Relatórios em atraso no ciclo 2025.1"
    assert "terminou em 15/07/2025, há 1 dia" in message.body
    assert listed(message.body) == ["1.1.2", "1.2.1"]


def test_escalation_to_the_coordination_after_seven_days(pending):
    run("2025-07-21")  # 6 days late
    assert [m.subject for m in mail.outbox] == ["[PNETP] Relatórios em atraso no ciclo 2025.1"]

    run("2025-07-22")  # 7 days late
    overdue, escalation = mail.outbox[1:]
    assert overdue.to == ["mjsp2@exemplo.gov.br", "mjsp@exemplo.gov.br"]
    assert sorted(escalation.to) == ["coord2@exemplo.gov.br", "coord@exemplo.gov.br"]
    assert escalation.subject == "[PNETP] Escalonamento: relatórios do ciclo 2025.1 em atraso há 7 dias"
    assert "- MJSP (Ministério da Justiça e Segurança Pública): 1.1.2, 1.2.1" in escalation.body
    assert "MDHC" not in escalation.body
    assert f"http://testserver/monitoramento/ciclos/{pending.cycle.pk}/" in escalation.body

    run("2025-07-22")
    assert len(mail.outbox) == 3
    kinds = SentReminder.objects.filter(sent_on="2025-07-22").values_list("kind", flat=True)
    assert sorted(kinds) == ["escalation", "overdue"]


def test_institution_that_never_started_is_reminded(world):
    run("2025-07-10")
    recipients = sorted(tuple(sorted(m.to)) for m in mail.outbox)
    assert recipients == [("mdhc@exemplo.gov.br",), ("mjsp2@exemplo.gov.br", "mjsp@exemplo.gov.br")]
    mdhc = next(m for m in mail.outbox if m.to == ["mdhc@exemplo.gov.br"])
    assert listed(mdhc.body) == ["2.1.1", "2.1.2"] and "1.1.1" not in mdhc.body  # partners are not chased


def test_closed_cycles_send_nothing(pending):
    MonitoringCycle.objects.update(state=MonitoringCycle.State.CLOSED)
    run("2025-07-30")
    assert mail.outbox == []


def test_invalid_arguments(world):
    with pytest.raises(CommandError, match="Data inválida"):
        run("15/07/2025")
    with pytest.raises(CommandError, match="negativo"):
        run("2025-07-10", "--days-before", "-1")


def test_the_reminders_are_a_job_of_the_queue(pending, django_capture_on_commit_callbacks):
    """``--fila`` enqueues the job when the transaction commits; the job (run here by the immediate backend,
    by ``pnetp worker`` in production) sends the e-mails."""
    with django_capture_on_commit_callbacks(execute=False) as queued:
        output = run("2025-07-08", "--fila")
    assert "posto na fila" in output and mail.outbox == [] and len(queued) == 1
    queued[0]()
    assert len(mail.outbox) == 1 and SentReminder.objects.count() == 1
