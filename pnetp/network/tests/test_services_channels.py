"""Report channels edited by the coordination: permission, validation in Portuguese, order, deactivation and
history; the public page and the API follow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.network.models import Channel
from pnetp.network.services.channels import channel_create, channel_move, channel_set_active, channel_update
from pnetp.territory.models import Country

pytestmark = pytest.mark.django_db

DISQUE = {"name": "Disque 100", "kind": "phone", "contact": "100", "link": "tel:100", "scope": "national",
          "responsible": "Ministério fictício", "hours": "24 horas", "languages": "português, Libras", "libras": True}  # fmt: skip


def test_only_the_coordination_writes(directory):
    for role in ("focal", "professional", "analyst"):
        with pytest.raises(PermissionDenied):
            channel_create(directory.users[role], data=DISQUE)
    assert not Channel.objects.exists()


def test_validation_messages_are_in_portuguese(directory):
    coord = directory.users["coord"]
    with pytest.raises(ValidationError) as error:
        channel_create(coord, data={**DISQUE, "link": "javascript:alert(1)", "responsible": ""})
    assert error.value.message_dict == {
        "link": ["O link deve começar com tel:, mailto: ou https://."],
        "responsible": ["Informe a instituição responsável ou o nome do responsável."],
    }
    with pytest.raises(ValidationError) as error:
        channel_create(coord, data={**DISQUE, "link": "https://disque100.gov.br"})
    assert error.value.message_dict["link"] == ["Para um telefone, use um link tel: (por exemplo, tel:100)."]
    with pytest.raises(ValidationError) as error:
        channel_create(coord, data={**DISQUE, "scope": "international", "countries": []})
    assert error.value.message_dict["countries"] == ["Um canal no exterior precisa de ao menos um país atendido."]
    with pytest.raises(ValidationError) as error:
        channel_create(coord, data={**DISQUE, "kind": "fax"})
    assert "kind" in error.value.message_dict
    assert not Channel.objects.exists()


def test_create_edit_order_and_deactivate_with_history(directory, client):
    coord = directory.users["coord"]
    disque = channel_create(coord, data={**DISQUE, "institution": directory.mjsp, "responsible": ""})
    ligue = channel_create(coord, data={**DISQUE, "name": "Ligue 180", "contact": "180", "link": "tel:180"})
    portugal = Country.objects.get(alpha2="PT")
    abroad = channel_create(coord, data={**DISQUE, "name": "Linha fictícia PT", "scope": "international",
                                         "link": "", "countries": [portugal]})  # fmt: skip
    assert list(abroad.countries.all()) == [portugal]
    assert [c.name for c in Channel.objects.all()] == ["Disque 100", "Ligue 180", "Linha fictícia PT"]

    channel_move(coord, ligue, up=True)
    assert [c.name for c in Channel.objects.all()] == ["Ligue 180", "Disque 100", "Linha fictícia PT"]
    channel_move(coord, ligue, up=True)  # already first of its scope: nothing moves
    channel_move(coord, disque, up=False)  # last of the national ones: does not pass the international one
    assert [c.name for c in Channel.objects.all()] == ["Ligue 180", "Disque 100", "Linha fictícia PT"]

    channel_update(coord, disque, data={"hours": "Todos os dias, 24 h"})
    channel_set_active(coord, ligue, active=False)
    page = client.get("/rede/onde-denunciar/").content.decode()
    assert "Todos os dias, 24 h" in page and "Ligue 180" not in page
    api = client.get("/api/v1/network/channels/").content.decode()
    assert "Disque 100" in api and "Ligue 180" not in api
    history = disque.history.order_by("history_date")
    assert [h.history_type for h in history][0] == "+" and history.last().hours == "Todos os dias, 24 h"
    assert {h.history_user for h in history} == {coord}
    assert ligue.history.latest().active is False


def test_coordination_edits_through_the_pages(directory, client):
    client.force_login(directory.users["focal"])
    assert client.get("/rede/onde-denunciar/canais/").status_code == 403
    assert client.post("/rede/onde-denunciar/canais/novo/", {"name": "X"}).status_code == 403
    client.force_login(directory.users["coord"])
    data = {"name": "Sistema Ipê", "kind": "site", "contact": "ipe.sit.trabalho.gov.br",
            "link": "https://ipe.sit.trabalho.gov.br", "scope": "national", "responsible": "MTE fictício",
            "free_of_charge": "on", "active": "on"}  # fmt: skip
    response = client.post("/rede/onde-denunciar/canais/novo/", {**data, "link": "ftp://x"})
    assert "O link deve começar com tel:, mailto: ou https://." in response.content.decode()
    assert client.post("/rede/onde-denunciar/canais/novo/", data).status_code == 302
    channel = Channel.objects.get()
    response = client.post(f"/rede/onde-denunciar/canais/{channel.pk}/editar/", {**data, "hours": "Sempre"})
    assert response.status_code == 302
    assert client.get(f"/rede/onde-denunciar/canais/{channel.pk}/acao/").status_code == 405
    client.post(f"/rede/onde-denunciar/canais/{channel.pk}/acao/", {"acao": "desativar"})
    channel.refresh_from_db()
    assert (channel.hours, channel.active) == ("Sempre", False)
    page = client.get(f"/rede/onde-denunciar/canais/{channel.pk}/editar/").content.decode()
    assert "Histórico de alterações" in page and page.count("coord") >= 1
    assert 'href="/rede/onde-denunciar/canais/"' in client.get("/rede/onde-denunciar/").content.decode()
