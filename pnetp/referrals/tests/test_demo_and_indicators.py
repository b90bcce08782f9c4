"""The demo (every state and flow, a return from abroad, a refusal, an expiry, an override; idempotent),
the indicators on it, the public table through disclosure, the letter PDF and the judicial-support warning."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pnetp.accounts.models import User
from pnetp.referrals import demo, indicators
from pnetp.referrals.models import Atendimento, ClosureReason, Purpose, Referral, State
from pnetp.referrals.services.atendimentos import record_hearing
from pnetp.referrals.services.referrals import ReferralRequest, send_referral
from pnetp.sisetp.models import CasePerson

from .conftest import open_case


@pytest.fixture
def loaded(territory):
    demo.load(StringIO())
    return {u.username: u for u in User.objects.filter(username__startswith="rede.")}


def test_demo_covers_every_state_and_flow_and_is_idempotent(loaded):
    states = set(Referral.objects.values_list("state", flat=True))
    assert {State.DONE, State.REFUSED, State.EXPIRED, State.REVOKED, State.SENT} <= states
    assert set(Atendimento.objects.values_list("status", flat=True)) >= {"aberto", "encerrado"}
    assert Atendimento.objects.filter(flow__isnull=False).values("flow__slug").distinct().count() == 3
    assert Atendimento.objects.filter(abroad=True, closure_reason=ClosureReason.RETURNED).count() == 1
    assert Referral.objects.filter(override_by__isnull=False).count() == 1
    before = (Atendimento.objects.count(), Referral.objects.count(), CasePerson.objects.count())
    demo.load(StringIO())
    assert (Atendimento.objects.count(), Referral.objects.count(), CasePerson.objects.count()) == before


def test_indicators_on_the_demo(loaded):
    ind = indicators.compute()
    assert ind.sent == Referral.objects.count() == 8
    assert (ind.accepted, ind.refused, ind.done, ind.expired, ind.revoked) == (2, 1, 2, 1, 1)
    assert ind.answered == 3 and ind.acceptance_rate == round(100 * 2 / 3, 1)
    assert ind.refusals_by_reason["Sem vaga ou capacidade"] == 1
    assert ind.overrides == 1 and ind.returns_completed == 1
    assert ind.past_deadline >= 1  # the expired one
    assert indicators.compute(uf="RJ").sent == 1


def test_public_table_never_shows_1_to_k_minus_1(loaded):
    table = indicators.public_table(k=5)
    shown = [v for v in table.values.values() if v is not None]
    assert all(v == 0 or v >= 5 for v in shown)
    assert any(v is None for v in table.values.values())  # the demo's small counts are suppressed


def test_coordination_page_shows_the_override_reason(client, loaded, world):
    client.force_login(world.users["coord"])
    page = client.get(reverse("referrals:coordination")).content.decode()
    assert "Risco a outras vítimas no mesmo local" in page
    assert "Ana Exemplo" not in page


def test_letter_carries_only_the_authorised_fields(client, world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,), care_plan="Plano secreto de proteção")
    referral = send_referral(
        world.users["netp"],
        atendimento,
        ReferralRequest(purpose="network", service="documentation", profile="minimal", external_body="Poupatempo Sé"),
    )
    client.force_login(world.users["netp"])
    response = client.get(reverse("referrals:letter", args=[referral.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(__import__("io").BytesIO(response.content)).pages)
    assert "Poupatempo Sé" in text and "Documentação civil" in text
    assert "Plano secreto" not in text and "Maria" not in text
    client.force_login(world.users["creas"])
    assert client.get(reverse("referrals:letter", args=[referral.pk])).status_code == 403


def test_transfer_of_responsibility_on_acceptance(world):
    from pnetp.referrals import workflow

    atendimento = open_case(world)
    referral = send_referral(
        world.users["netp"],
        atendimento,
        ReferralRequest(
            purpose="network", service="legal", profile="social", to_unit=world.units["creas"], transfer_requested=True
        ),  # fmt: skip
    )
    workflow.receive(world.users["creas"], referral)
    workflow.accept(world.users["creas"], referral)
    atendimento.refresh_from_db()
    assert atendimento.owner_unit == world.units["creas"]


def test_second_hearing_warns_against_revictimisation(world):
    atendimento = open_case(world)
    now = timezone.now()
    _hearing, warning = record_hearing(world.users["netp"], atendimento, kind="depoimento_especial",
                                       scheduled_for=now, body="Vara Criminal", support_person="Psicóloga do CREAS")  # fmt: skip
    assert warning == ""
    _hearing, warning = record_hearing(world.users["netp"], atendimento, kind="oitiva_policial",
                                       scheduled_for=now + timedelta(days=3), body="Delegacia")  # fmt: skip
    assert "já foi ouvida 1 vez(es)" in warning
    with pytest.raises(PermissionDenied):
        record_hearing(world.users["creas"], atendimento, kind="audiencia", scheduled_for=now, body="Vara")
