"""Workflow events reach the people who must act: in the app (next page load) and by e-mail, without personal data."""

import pytest
from django.core import mail
from django.urls import reverse

from pnetp.monitoring.services import workflow
from pnetp.notifications.models import Kind, Notification, NotificationPreference

from .conftest import make_report


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.PNETP_BASE_URL = "https://pnetp.exemplo.gov.br"


@pytest.fixture
def submitted(world):
    report = make_report(world, "1.1.2", "MJSP", state="submitted", status="em-andamento")
    return world, report


def test_a_returned_report_is_seen_on_the_next_page_load_and_by_email(
    client, submitted, django_capture_on_commit_callbacks
):
    world, report = submitted
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_report(world.users.coord, report, "Faltam as evidências da campanha de março.")

    # E-mail: to both MJSP focal points, with the activity's code and title and a full link.
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["mjsp2@exemplo.gov.br", "mjsp@exemplo.gov.br"]
    body = mail.outbox[0].body
    assert "1.1.2 – Ativ. 1.1.2" in mail.outbox[0].subject
    assert "1.1.2 – Ativ. 1.1.2" in body
    assert f"https://pnetp.exemplo.gov.br/monitoramento/relatorios/{report.pk}/" in body

    # Next page load: the header counts it and the home page shows the report with the reason.
    client.force_login(world.users.mjsp)
    page = client.get(reverse("workspace:dashboard")).content.decode()
    assert 'data-notifications="1"' in page
    assert "relatório devolvido para ajustes" in page
    assert "Faltam as evidências da campanha de março." in page
    assert reverse("monitoring_web:report", args=[report.pk]) in page


@pytest.mark.parametrize(
    "event, recipients",
    [
        ("submit", {"coord", "coord2"}),
        ("approve", {"mjsp", "mjsp2"}),
        ("comment_by_coordination", {"mjsp", "mjsp2"}),
        ("comment_by_focal_point", {"coord", "coord2"}),
    ],
)
def test_each_event_notifies_the_other_side(world, event, recipients, django_capture_on_commit_callbacks):
    u = world.users
    with django_capture_on_commit_callbacks(execute=True):
        if event == "submit":
            report = make_report(world, "1.1.2", "MJSP", state="draft", status="em-andamento")
            workflow.submit_report(u.mjsp, report)
        elif event == "approve":
            report = make_report(world, "1.1.2", "MJSP", state="submitted", status="concluida")
            workflow.approve_report(u.coord, report)
        else:
            report = make_report(world, "1.1.2", "MJSP", state="submitted", status="concluida")
            author = u.coord if event == "comment_by_coordination" else u.mjsp
            workflow.add_comment(author, report, "Texto livre do comentário")
    notified = {n.recipient.username for n in Notification.objects.select_related("recipient")}
    assert notified == recipients
    assert len(mail.outbox) == len(recipients)
    assert all("1.1.2 – Ativ. 1.1.2" in m.body for m in mail.outbox)


def test_no_email_body_contains_personal_data(world, django_capture_on_commit_callbacks):
    """Names, e-mail addresses, reasons and comments (free text that may carry anything) stay out of e-mails."""
    u = world.users
    for user in (u.coord, u.mjsp):
        user.first_name, user.last_name = "Maria", "da Silva Fictícia"
        user.save()
    report = make_report(world, "1.1.2", "MJSP", state="draft", status="em-andamento")
    reason = "A vítima Joana Fictícia, CPF 123.456.789-09, não aparece"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_report(u.mjsp, report)
        workflow.add_comment(u.coord, report, "Comentário citando João Fictício")
        workflow.return_report(u.coord, report, reason)
        workflow.update_report(u.mjsp, report, narrative="Ajustado")
        workflow.submit_report(u.mjsp, report)
        workflow.approve_report(u.coord, report)
    assert len(mail.outbox) >= 6
    forbidden = ["Maria", "Fictícia", "Fictício", "123.456.789-09", reason, "@exemplo.gov.br", "mjsp"]
    for message in mail.outbox:
        for text in forbidden:
            assert text not in message.body and text not in message.subject, (text, message.subject)


def test_digest_users_get_no_immediate_email(world, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=world.users.mjsp, delivery=NotificationPreference.Delivery.DIGEST)
    report = make_report(world, "1.1.2", "MJSP", state="submitted", status="concluida")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_report(world.users.coord, report)
    assert [m.to for m in mail.outbox] == [["mjsp2@exemplo.gov.br"]]
    assert Notification.objects.filter(recipient=world.users.mjsp, kind=Kind.REPORT_APPROVED, emailed_at=None).exists()
