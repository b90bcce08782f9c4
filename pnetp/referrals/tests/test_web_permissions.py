"""Every referral page and action × every role → the expected answer; a unit of another UF gets 404.

Scene: the NETP (São Paulo) owns an atendimento and referred it to the CREAS (São Paulo) with the social profile;
the police and the CRAS are in the same UF (Campinas), the CREAS of Rio in another UF.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from pnetp.referrals.models import AccessLog, FlowTemplate, Purpose
from pnetp.referrals.services.referrals import ReferralRequest, send_referral
from pnetp.sisetp.models import IdentityAccessLog

from .conftest import ROLES, open_case

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404


def only(allowed: dict, *, default=DENIED, rj=MISSING) -> dict:
    return {"anonymous": LOGIN, **{role: default for role in ROLES[1:]}, "rj": rj, **allowed}


UNIT_PAGES = only({"netp": OK, "creas": OK, "police": OK, "other_sp": OK, "rj": OK, "override": OK})
OWNER = only({"netp": OK, "override": OK})
OWNER_AND_DESTINATION = only({"netp": OK, "override": OK, "creas": OK})
OWNER_AND_AUDIT = only({"netp": OK, "override": OK, "coord": OK})
COORD = only({"coord": OK}, rj=DENIED)
PUBLIC = dict.fromkeys(ROLES, OK)


@pytest.fixture
def scene(world):
    flow = FlowTemplate.objects.filter(slug="trabalho-escravo").order_by("-version").first()
    atendimento = open_case(world, consents=(Purpose.NETWORK,), flow=flow)
    referral = send_referral(
        world.users["netp"],
        atendimento,
        ReferralRequest(purpose="network", service="psychosocial", profile="social", to_unit=world.units["creas"]),
    )
    return world, atendimento, referral


PAGES = [
    ("inbox", lambda a, r: reverse("referrals:inbox"), "get", UNIT_PAGES),
    ("create", lambda a, r: reverse("referrals:atendimento_create"), "get", UNIT_PAGES),
    ("detail", lambda a, r: reverse("referrals:atendimento", args=[a.pk]), "get", OWNER_AND_DESTINATION),
    ("consent", lambda a, r: reverse("referrals:consent", args=[a.pk]), "get", OWNER),
    ("refer", lambda a, r: reverse("referrals:referral_create", args=[a.pk]), "get", OWNER),
    ("access_log", lambda a, r: reverse("referrals:access_log", args=[a.pk]), "get", OWNER_AND_AUDIT),
    ("identity", lambda a, r: reverse("referrals:identity", args=[a.pk]), "post", OWNER),
    ("hearing", lambda a, r: reverse("referrals:hearing_create", args=[a.pk]), "get", OWNER),
    ("service", lambda a, r: reverse("referrals:service_create", args=[a.pk]), "get", OWNER),
    ("stage", lambda a, r: reverse("referrals:stage", args=[a.pk]), "get", OWNER),
    ("referral", lambda a, r: reverse("referrals:referral", args=[r.pk]), "get", OWNER_AND_DESTINATION),
    ("flows", lambda a, r: reverse("referrals:flows"), "get", PUBLIC),
    ("flow", lambda a, r: reverse("referrals:flow", args=["trabalho-escravo"]), "get", PUBLIC),
    ("coordination", lambda a, r: reverse("referrals:coordination"), "get", COORD),
    ("unit_token", lambda a, r: reverse("referrals:unit_token"), "get", COORD),
]


def outcome(response):
    if response.status_code == 302:
        login = resolve_url(settings.LOGIN_URL)
        return LOGIN if response["Location"].startswith(login) else f"302 {response['Location']}"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("page", "url", "method", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_role_page_matrix(client, scene, page, url, method, expected, role):
    world, atendimento, referral = scene
    if world.users[role] is not None:
        client.force_login(world.users[role])
    response = getattr(client, method)(url(atendimento, referral))
    assert outcome(response) == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_receive_action_matrix(client, scene, role):
    """Only the destination opens the referral; another UF gets 404; nothing changes on a refusal."""
    world, atendimento, referral = scene
    if world.users[role] is not None:
        client.force_login(world.users[role])
    response = client.post(reverse("referrals:referral_action", args=[referral.pk, "receber"]))
    referral.refresh_from_db()
    if role == "creas":
        assert response.status_code == 302 and referral.state == "recebido"
        return
    assert outcome(response) == {"anonymous": LOGIN, "rj": MISSING}.get(role, DENIED)
    assert referral.state == "enviado"


def test_destination_sees_only_its_profile_and_each_read_is_logged(client, scene):
    world, atendimento, referral = scene
    client.force_login(world.users["creas"])
    page = client.get(reverse("referrals:atendimento", args=[atendimento.pk])).content.decode()
    assert "com o perfil “Socioassistencial”" in page
    assert "Seção fora do perfil de compartilhamento." in page  # justice section hidden
    assert "Identidade não compartilhada com a sua unidade." in page
    log = AccessLog.objects.filter(atendimento=atendimento, user=world.users["creas"]).get()
    assert log.via_referral == referral and "justice" not in log.sections and "care_plan" in log.sections


def test_identity_read_goes_through_the_sisetp_log(client, scene):
    world, atendimento, _referral = scene
    client.force_login(world.users["netp"])
    page = client.post(reverse("referrals:identity", args=[atendimento.pk])).content.decode()
    assert "Maria Fictícia da Silva" in page
    entry = IdentityAccessLog.objects.filter(person=atendimento.person, action="read").latest("at")
    assert entry.granted and entry.user == world.users["netp"]
    client.force_login(world.users["creas"])
    assert client.post(reverse("referrals:identity", args=[atendimento.pk])).status_code == 403
    refused = IdentityAccessLog.objects.filter(person=atendimento.person, action="read").latest("at")
    assert not refused.granted and refused.user == world.users["creas"]


def test_second_hearing_shows_the_warning(client, scene):
    world, atendimento, _referral = scene
    client.force_login(world.users["netp"])
    url = reverse("referrals:hearing_create", args=[atendimento.pk])
    first = {"kind": "depoimento_especial", "scheduled_for": "2026-12-10T14:00", "body": "Vara Criminal"}
    assert "já foi ouvida" not in client.post(url, first, follow=True).content.decode()
    second = {"kind": "oitiva_policial", "scheduled_for": "2026-12-20T10:00", "body": "Delegacia"}
    page = client.post(url, second, follow=True).content.decode()
    assert "já foi ouvida 1 vez(es)" in page and "Delegacia" in page
