"""The coordination creates and rotates a unit's API token: shown once, the old one stops working."""

from django.urls import reverse
from rest_framework.authtoken.models import Token

from pnetp.network.models import UnitMember


def test_create_then_rotate_a_unit_token(client, world):
    creas = world.units["creas"]
    client.force_login(world.users["coord"])
    url = reverse("referrals:unit_token")
    assert url in client.get(reverse("referrals:coordination")).content.decode()  # reachable
    first = client.post(url, {"unit": creas.pk})
    [token] = Token.objects.filter(user__username=f"sistema.unidade-{creas.pk}")
    assert token.key in first.content.decode() and first["Cache-Control"] == "no-store"
    account = token.user
    assert account.role == "network_professional" and not account.has_usable_password()
    assert list(UnitMember.objects.filter(user=account).values_list("unit", flat=True)) == [creas.pk]
    assert token.key not in client.get(url).content.decode()  # shown once

    api = client.__class__()
    inbox = "/api/v1/referrals/"
    assert api.get(inbox, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 200
    second = client.post(url, {"unit": creas.pk}).content.decode()
    new = Token.objects.get(user=account)
    assert new.key != token.key and new.key in second and "A chave anterior deixou de funcionar." in second
    assert api.get(inbox, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 401


def test_only_the_coordination_issues_tokens(client, world):
    client.force_login(world.users["netp"])
    assert client.post(reverse("referrals:unit_token"), {"unit": world.units["netp"].pk}).status_code == 403
    assert not Token.objects.exists()
