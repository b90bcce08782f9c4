"""The notification service, the daily digest and the inbox pages."""

from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from pnetp.accounts.models import Role, User
from pnetp.notifications.models import Kind, Notification, NotificationPreference
from pnetp.notifications.services.notify import mark_read, notify, send_digests

Delivery = NotificationPreference.Delivery


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.PNETP_BASE_URL = "https://pnetp.exemplo.gov.br"


@pytest.fixture
def people(db):
    make = User.objects.create_user
    return (
        make("ana", email="ana@exemplo.gov.br", role=Role.COORDINATION),
        make("bia", email="bia@exemplo.gov.br", role=Role.ANALYST),
    )


def _notify(user, title="Relatório aprovado: 1.1.3 – Campanhas"):
    return notify(user, kind=Kind.REPORT_APPROVED, title=title, url="/monitoramento/relatorios/7/")


def test_notify_records_and_emails_after_commit_with_a_full_link(people, django_capture_on_commit_callbacks):
    ana, _bia = people
    with django_capture_on_commit_callbacks(execute=True):
        notification = _notify(ana)
    assert notification.read_at is None and notification.emailed_at is None  # in memory; the DB row is updated
    [message] = mail.outbox
    assert message.to == ["ana@exemplo.gov.br"]
    assert message.subject == "[PNETP] Relatório aprovado: 1.1.3 – Campanhas"
    assert "Acesse: https://pnetp.exemplo.gov.br/monitoramento/relatorios/7/" in message.body
    assert "https://pnetp.exemplo.gov.br/notificacoes/preferencias/" in message.body
    assert Notification.objects.get().emailed_at is not None


def test_nothing_is_sent_when_the_transaction_rolls_back(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(people[0])
    assert len(callbacks) == 1 and mail.outbox == []


def test_inactive_users_and_no_email_preference(people, django_capture_on_commit_callbacks):
    ana, bia = people
    ana.is_active = False
    ana.save()
    NotificationPreference.objects.create(user=bia, delivery=Delivery.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(ana) is None
        assert _notify(bia) is not None
    assert mail.outbox == []


def test_daily_digest_groups_notifications_once(people, django_capture_on_commit_callbacks):
    ana, bia = people
    NotificationPreference.objects.create(user=ana, delivery=Delivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(ana, "Primeira")
        _notify(ana, "Segunda")
        _notify(bia, "Imediata")
    assert [m.to for m in mail.outbox] == [["bia@exemplo.gov.br"]]
    call_command("send_digests", stdout=StringIO())
    digest = mail.outbox[-1]
    assert digest.to == ["ana@exemplo.gov.br"] and "2 notificações" in digest.subject
    assert "- Primeira" in digest.body and "- Segunda" in digest.body and "Imediata" not in digest.body
    assert send_digests() == 0  # each notification goes out once
    assert len(mail.outbox) == 2


def test_only_the_recipient_marks_read(people):
    ana, bia = people
    notification = _notify(ana)
    with pytest.raises(PermissionDenied):
        mark_read(bia, notification)
    mark_read(ana, notification)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_inbox_open_marks_read_and_redirects(client, people):
    ana, bia = people
    notification = _notify(ana)
    client.force_login(ana)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Relatório aprovado: 1.1.3 – Campanhas" in page and 'data-notifications="1"' in page
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response.url == "/monitoramento/relatorios/7/"
    assert 'data-notifications="0"' in client.get(reverse("notifications:inbox")).content.decode()

    client.force_login(bia)  # another user's notification does not exist for them
    assert client.post(reverse("notifications:open", args=[notification.pk])).status_code == 404


def test_mark_all_read_and_preferences(client, people):
    ana, _bia = people
    _notify(ana)
    _notify(ana, "Outra")
    client.force_login(ana)
    client.post(reverse("notifications:mark_all_read"))
    assert not Notification.objects.filter(read_at=None).exists()
    response = client.post(reverse("notifications:preferences"), {"delivery": "digest"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=ana).delivery == Delivery.DIGEST


def test_inbox_needs_sign_in(client, db):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
