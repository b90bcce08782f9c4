"""The professionals' pages for the care of an atendimento: services received (with dates) and the flow stage."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from pnetp.referrals.models import AccessLog, Atendimento, FlowTemplate, Purpose, Referral

from .conftest import open_case


def _case(world):
    flow = FlowTemplate.objects.filter(slug="trabalho-escravo").order_by("-version").first()
    return open_case(world, consents=(Purpose.NETWORK,), flow=flow)


def test_record_a_service_received_with_dates(client, world):
    atendimento = _case(world)
    client.force_login(world.users["netp"])
    url = reverse("referrals:service_create", args=[atendimento.pk])
    detail = client.get(reverse("referrals:atendimento", args=[atendimento.pk])).content.decode()
    assert url in detail  # reachable from the atendimento
    bad = {"service": "legal", "started_on": "2026-11-10", "ended_on": "2026-11-01"}
    page = client.post(url, bad).content.decode()
    assert "O fim não pode ser anterior ao início." in page and not atendimento.services_received.exists()
    good = {"service": "legal", "unit": world.units["netp"].pk, "started_on": "2026-11-01", "ended_on": "2026-11-10"}
    response = client.post(url, good, follow=True)
    [received] = atendimento.services_received.all()
    assert (received.service, received.unit, str(received.started_on), str(received.ended_on)) == (
        "legal",
        world.units["netp"],
        "2026-11-01",
        "2026-11-10",
    )
    page = response.content.decode()
    assert "Serviço registrado." in page and "01/11/2026 a 10/11/2026" in page
    assert AccessLog.objects.filter(atendimento=atendimento, action="service").exists()


def test_the_stage_page_shows_where_it_is_what_is_late_and_moves_on(client, world):
    atendimento = _case(world)
    stages = list(atendimento.flow.stages.order_by("order"))
    assert atendimento.stage == stages[0] and len(stages) >= 2
    referral = Referral.objects.create(
        atendimento=atendimento, from_unit=world.units["netp"], to_unit=world.units["creas"], purpose="network",
        service="legal", profile="minimal", sent_by=world.users["netp"], sent_at=timezone.now() - timedelta(days=9),
        deadline=timezone.now() - timedelta(days=2),
    )  # fmt: skip
    Atendimento.objects.filter(pk=atendimento.pk).update(stage_since=timezone.now() - timedelta(days=400))
    client.force_login(world.users["netp"])
    url = reverse("referrals:stage", args=[atendimento.pk])
    page = client.get(url).content.decode()
    assert 'aria-current="step"' in page and stages[0].name in page
    assert f"Encaminhamento nº {referral.pk}" in page and "sem resposta de CREAS Sé" in page
    assert stages[0].deadline_days and "A etapa “Denúncia e planejamento” passou do prazo." in page
    assert f"Passar para “{stages[1].name}”" in page
    response = client.post(url, follow=True)
    atendimento.refresh_from_db()
    assert atendimento.stage == stages[1] and atendimento.stage_since > timezone.now() - timedelta(minutes=1)
    assert f"Atendimento na etapa “{stages[1].name}”." in response.content.decode()
    for _later in stages[2:]:
        client.post(url)
    page = client.post(url, follow=True).content.decode()
    assert "O atendimento já está na última etapa do fluxo." in page


def test_the_destination_cannot_move_the_stage(client, world):
    atendimento = _case(world)
    client.force_login(world.users["creas"])
    assert client.post(reverse("referrals:stage", args=[atendimento.pk])).status_code in (403, 404)
    atendimento.refresh_from_db()
    assert atendimento.stage.order == atendimento.flow.stages.order_by("order").first().order
