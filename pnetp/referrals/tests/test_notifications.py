"""Referral events become in-app notifications for the members of the unit concerned, e-mailed as each prefers,
and neither the notification nor the e-mail carries anything about the person."""

from django.core import mail
from django.urls import reverse

from pnetp.notifications.models import Kind, Notification, NotificationPreference
from pnetp.referrals import workflow
from pnetp.referrals.models import Purpose
from pnetp.referrals.services.referrals import ReferralRequest, send_referral

from .conftest import make_user, open_case


def _send(world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,))
    request = ReferralRequest(purpose="network", service="legal", profile="minimal", to_unit=world.units["creas"])
    return send_referral(world.users["netp"], atendimento, request)


def test_a_sent_referral_shows_in_the_destination_members_inbox_and_header(
    client, world, django_capture_on_commit_callbacks
):
    creas = world.users["creas"]
    colleague = make_user("t.creas.2", creas.role, world.units["creas"])
    with django_capture_on_commit_callbacks(execute=True):
        referral = _send(world)
    assert sorted(m.to[0] for m in mail.outbox) == ["t.creas.2@example.org", "t.creas@example.org"]
    assert not Notification.objects.filter(recipient=world.users["netp"]).exists()  # the sender is not told
    [notification] = Notification.objects.filter(recipient=creas)
    assert notification.kind == Kind.REFERRAL_SENT
    assert notification.title == f"Encaminhamento nº {referral.pk}: Enviado"
    assert "NETP São Paulo" in notification.body and "CREAS Sé" in notification.body
    client.force_login(creas)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert notification.title in page
    assert 'data-notifications="1"' in page  # the header's unread count
    assert colleague.notifications.count() == 1


def test_answers_revocation_and_preferences(world, django_capture_on_commit_callbacks):
    netp, chief, creas = world.users["netp"], world.users["override"], world.users["creas"]
    NotificationPreference.objects.create(user=chief, delivery=NotificationPreference.Delivery.DIGEST)
    referral = _send(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.receive(creas, referral)
        workflow.accept(creas, referral)
    answered = Notification.objects.filter(kind=Kind.REFERRAL_ANSWERED, recipient=netp)
    assert [n.title for n in answered.order_by("id")] == [
        f"Encaminhamento nº {referral.pk}: Recebido",
        f"Encaminhamento nº {referral.pk}: Aceito",
    ]
    assert Notification.objects.filter(kind=Kind.REFERRAL_ANSWERED, recipient=chief).count() == 2
    assert {m.to[0] for m in mail.outbox} == {"t.netp@example.org"}  # the chief wants the daily digest

    second = _send(world)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(netp, second, "revogado", reason="Pessoa mudou de cidade.")
    [revoked] = Notification.objects.filter(kind=Kind.REFERRAL_REVOKED)
    assert revoked.recipient == creas and revoked.url == reverse("referrals:referral", args=[second.pk])


def test_no_personal_data_in_notifications_or_emails(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        referral = _send(world)
        workflow.receive(world.users["creas"], referral)
        workflow.refuse(world.users["creas"], referral, refusal_reason="no_capacity", refusal_note="Sem vaga.")
    person = referral.atendimento.person
    forbidden = ["Maria", "Fictícia", "Silva", "52998224725", "529.982.247-25", str(person.pseudonym)]
    texts = [f"{m.subject}\n{m.body}" for m in mail.outbox]
    texts += [f"{n.title}\n{n.body}\n{n.url}" for n in Notification.objects.all()]
    assert len(mail.outbox) >= 3 and Notification.objects.count() >= 3
    for text in texts:
        for value in forbidden:
            assert value not in text, (value, text)
