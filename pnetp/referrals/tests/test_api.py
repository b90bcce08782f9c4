"""The referral API for the units' systems: token per unit, profile-limited reads, answers, 404 for another UF."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pnetp.referrals.models import AccessLog, Purpose, Referral

from .conftest import ROLES, open_case


def client_for(user):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


@pytest.fixture
def sent(world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,), care_plan="Acompanhamento semanal")
    response = client_for(world.users["netp"]).post(
        "/api/v1/referrals/",
        {
            "atendimento": atendimento.pk,
            "to_unit": world.units["creas"].pk,
            "purpose": "network",
            "service": "psychosocial",
            "profile": "minimal",
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 201, response.content
    return atendimento, Referral.objects.get(pk=response.json()["id"])


EXPECTED_READ = {"anonymous": 401, "netp": 200, "override": 200, "creas": 200, "rj": 404}


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(world, sent, role):
    _atendimento, referral = sent
    response = client_for(world.users[role]).get(f"/api/v1/referrals/{referral.pk}/")
    assert response.status_code == EXPECTED_READ.get(role, 403)


def test_destination_reads_only_the_profile(world, sent):
    atendimento, referral = sent
    data = client_for(world.users["creas"]).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert data["atendimento_data"]["care_plan"] is None  # minimal profile
    assert data["atendimento_data"]["risk_level"] == "low"
    assert "Maria" not in str(data)
    assert AccessLog.objects.filter(atendimento=atendimento, user=world.users["creas"], action="api_read").exists()
    owner = client_for(world.users["netp"]).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert owner["atendimento_data"]["care_plan"] == "Acompanhamento semanal"


def test_answer_through_the_api(world, sent):
    _atendimento, referral = sent
    creas = client_for(world.users["creas"])
    assert (
        creas.post(f"/api/v1/referrals/{referral.pk}/transition/", {"to": "recebido"}, format="json").status_code == 200
    )
    refused = creas.post(f"/api/v1/referrals/{referral.pk}/transition/", {"to": "recusado"}, format="json")
    assert refused.status_code == 400 and "Informe o motivo da recusa." in str(refused.json())
    ok = creas.post(f"/api/v1/referrals/{referral.pk}/transition/",
                    {"to": "recusado", "refusal_reason": "no_capacity"}, format="json")  # fmt: skip
    assert ok.status_code == 200 and ok.json()["state"] == "recusado"
    netp = client_for(world.users["netp"])
    assert netp.post(f"/api/v1/referrals/{referral.pk}/transition/", {"to": "aceito"}, format="json").status_code == 400
    listed = netp.get("/api/v1/referrals/").json()
    assert [r["id"] for r in listed["results"]] == [referral.pk]


def test_create_without_consent_is_refused(world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,))
    response = client_for(world.users["netp"]).post(
        "/api/v1/referrals/",
        {
            "atendimento": atendimento.pk,
            "to_unit": world.units["police"].pk,
            "purpose": "police",
            "service": "investigation",
            "profile": "minimal",
        },  # fmt: skip
        format="json",
    )
    assert response.status_code == 400 and "Compartilhar com a polícia" in str(response.json())
    other = client_for(world.users["rj"]).post(
        "/api/v1/referrals/",
        {
            "atendimento": atendimento.pk,
            "to_unit": world.units["rj"].pk,
            "purpose": "network",
            "service": "legal",
            "profile": "minimal",
        },  # fmt: skip
        format="json",
    )
    assert other.status_code == 404
