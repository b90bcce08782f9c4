"""The issue's "done when", through the pages as a new user would: a NETP opens an atendimento, records consent
for services but not for the police, refers to a CREAS with the social profile; the CREAS sees only that
profile, accepts and concludes with a note; the police referral is refused for lack of consent, then sent with an
override the coordination sees; a unit of another UF gets 404."""

from django.urls import reverse

from pnetp.referrals.models import Atendimento, Referral, State
from pnetp.sisetp.models import PersonIdentity


def test_done_when(client, world):
    netp, creas, rj, chief, coord = (world.users[r] for r in ("netp", "creas", "rj", "override", "coord"))
    client.force_login(netp)
    response = client.post(reverse("referrals:atendimento_create"), {
        "unit": world.units["netp"].pk, "identification_route": "rescue", "victim_status": "presumido",
        "status_decided_by": "netp_posto", "risk_level": "medium", "needs": ["psychosocial"],
        "care_plan": "Acompanhamento psicossocial semanal.", "full_name": "Joana Fictícia", "cpf": "529.982.247-25",
    })  # fmt: skip
    atendimento = Atendimento.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("referrals:consent", args=[atendimento.pk])
    assert PersonIdentity.objects.filter(person=atendimento.person).exists()
    consent_url = reverse("referrals:consent", args=[atendimento.pk])
    assert client.post(consent_url, {"purpose": "network", "granted": "1", "how": "written"}).status_code == 302
    assert (
        client.post(consent_url, {"purpose": "police", "granted": "0", "how": "oral", "witness": "Ana"}).status_code
        == 302
    )
    page = client.post(consent_url, {"purpose": "contact", "granted": "1", "how": "oral"})
    assert "Consentimento verbal exige o nome de uma testemunha." in page.content.decode()

    refer_url = reverse("referrals:referral_create", args=[atendimento.pk])
    response = client.post(refer_url, {"to_unit": world.units["creas"].pk, "purpose": "network",
                                       "service": "psychosocial", "profile": "social"})  # fmt: skip
    referral = Referral.objects.get(to_unit=world.units["creas"])
    assert response["Location"] == reverse("referrals:referral", args=[referral.pk])

    police = {
        "to_unit": world.units["police"].pk,
        "purpose": "police",
        "service": "investigation",
        "profile": "minimal",
    }
    page = client.post(refer_url, police).content.decode()
    assert "Não há consentimento em vigor para: Compartilhar com a polícia" in page
    assert client.post(refer_url, {**police, "override_reason": "Risco a terceiros."}).status_code == 403
    client.force_login(chief)
    assert client.post(refer_url, {**police, "override_reason": "Risco a terceiros."}).status_code == 302

    client.force_login(creas)
    detail = client.get(reverse("referrals:atendimento", args=[atendimento.pk])).content.decode()
    assert "Acompanhamento psicossocial semanal." in detail  # care plan is in the social profile
    assert "Joana" not in detail
    for action, data in (
        ("receber", {}),
        ("aceitar", {}),
        ("iniciar", {}),
        ("concluir", {"completion_note": "Concluído no PAEFI."}),
    ):
        response = client.post(reverse("referrals:referral_action", args=[referral.pk, action]), data)
        assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.state, referral.completion_note) == (State.DONE, "Concluído no PAEFI.")

    client.force_login(coord)
    assert "Risco a terceiros." in client.get(reverse("referrals:coordination")).content.decode()
    client.force_login(rj)
    assert client.get(reverse("referrals:atendimento", args=[atendimento.pk])).status_code == 404
