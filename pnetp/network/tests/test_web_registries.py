"""Role × page for the pages of the channel editor, training participants, certificates and the events feed."""

from datetime import date

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from pnetp.network.models import Channel, Training
from pnetp.network.services.participants import certificates_issue, participant_add

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "coord", "focal", "other_focal", "professional", "analyst"]
PUBLIC = dict.fromkeys(ROLES, "200")


def only(*allowed: str) -> dict:
    return {"anonymous": "login", **{role: "200" if role in allowed else "403" for role in ROLES[1:]}}


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL)):
        return "login"
    return str(response.status_code)


def test_role_by_url(directory, client):
    channel = Channel.objects.create(name="Disque 100", kind="phone", contact="100", scope="national", responsible="X")
    training = Training.objects.create(title="Curso fictício", institution=directory.sedes, audience="police",
                                       mode="online", start_date=date(2026, 1, 5))  # fmt: skip
    person = participant_add(directory.users["coord"], training, name="Nome Fictício", completed=True)
    certificates_issue(directory.users["coord"], training)
    cases = {
        "/rede/onde-denunciar/canais/": only("coord"),
        "/rede/onde-denunciar/canais/novo/": only("coord"),
        f"/rede/onde-denunciar/canais/{channel.pk}/editar/": only("coord"),
        f"/rede/onde-denunciar/canais/{channel.pk}/acao/": {**only("coord"), "coord": "405"},
        f"/rede/capacitacoes/{training.pk}/": PUBLIC,
        "/rede/capacitacoes/certificados/verificar/": PUBLIC,
        "/rede/eventos/2026.ics": PUBLIC,
        "/rede/capacitacoes/participantes/": only("coord", "focal", "other_focal"),  # any focal point: own offerings
        f"/rede/capacitacoes/{training.pk}/participantes/": only("coord", "focal"),
        f"/rede/capacitacoes/participantes/{person.pk}/certificado.pdf": only("coord", "focal"),
        f"/rede/capacitacoes/participantes/{person.pk}/acao/": {
            **only("coord", "focal"),
            "coord": "405",
            "focal": "405",
        },
    }
    problems = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(directory.users[role])
        for url, expect in cases.items():
            if (got := outcome(client.get(url))) != expect[role]:
                problems.append(f"{role} {url}: {got}, esperado {expect[role]}")
    assert not problems, problems
    client.force_login(directory.users["other_focal"])
    assert "Curso fictício" not in client.get("/rede/capacitacoes/participantes/").content.decode()
