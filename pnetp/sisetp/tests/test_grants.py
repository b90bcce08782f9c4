"""Identity access grants under two people (issue 12): request by one coordination member, approval by a
second one, never for oneself, every step logged and shown on the auditors' pages. Fictitious people."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from pnetp.accounts import services as account_services
from pnetp.accounts.models import Role
from pnetp.accounts.testing import login_verified, mark_verified, settle
from pnetp.sisetp.models import IdentityAccessGrant, IdentityAccessLog
from pnetp.sisetp.permissions import can_read_identity
from pnetp.sisetp.services import grants
from pnetp.sisetp.services.identity import read_identity

from .conftest import make_user

FAR = date(2999, 1, 1)


@pytest.fixture
def third(world):
    """A third coordination member, of MDHC (so a grant for them reaches Disque 100)."""
    return settle(mark_verified(make_user("coord3", Role.COORDINATION, world.mdhc)))


def ask(world, requester, grantee):
    return grants.request_grant(
        requester, grantee=grantee, purpose="Proteção da vítima", valid_until=FAR, source=world.disque100
    )


def steps(grant):
    return list(
        IdentityAccessLog.objects.filter(grant=grant).order_by("pk").values_list("action", "granted", "username")
    )


def test_a_request_takes_effect_only_after_a_second_person_approves(world):
    focal = world.users.focal_point
    mark_verified(focal)
    grant = ask(world, world.users.coordination, focal)
    assert grant.status == "requested" and grant.requested_by == world.users.coordination
    assert not can_read_identity(focal, world.victim)
    with pytest.raises(PermissionDenied, match="segunda pessoa"):
        grants.approve_grant(world.users.coordination, grant)  # the requester cannot approve
    assert not can_read_identity(focal, world.victim)
    grants.approve_grant(world.users.coordination2, grant)
    read_identity(focal, world.victim, "Encaminhamento")
    assert steps(grant) == [
        ("grant_request", True, "coord"),
        ("grant_approval", False, "coord"),  # the refused self-approval is logged too
        ("grant_approval", True, "coord2"),
        ("read", True, "ponto.focal"),  # the use
    ]


def test_nobody_requests_or_approves_access_for_themselves(world, third):
    coordination = world.users.coordination
    with pytest.raises(PermissionDenied, match="si mesmo"):
        ask(world, coordination, coordination)
    assert IdentityAccessLog.objects.filter(action="grant_request", granted=False, user=coordination).exists()
    # The attack: coord asks for coord3, coord3 would approve it for themselves.
    grant = ask(world, coordination, third)
    with pytest.raises(PermissionDenied, match="si mesmo"):
        grants.approve_grant(third, grant)
    with pytest.raises(PermissionDenied):
        grants.refuse_grant(third, grant, reason="x")
    grant.refresh_from_db()
    assert grant.status == "requested" and not can_read_identity(third, world.victim)
    grants.approve_grant(world.users.coordination2, grant)
    assert can_read_identity(third, world.victim)


def test_only_strongly_authenticated_coordination_decides(world, django_user_model):
    with pytest.raises(PermissionDenied, match="coordenação"):
        ask(world, world.users.committee, world.users.worker)
    plain = django_user_model.objects.get(pk=world.users.coordination.pk)  # no second factor in this session
    with pytest.raises(PermissionDenied, match="segundo fator"):
        ask(world, plain, world.users.focal_point)
    assert not IdentityAccessGrant.objects.filter(user=world.users.focal_point).exists()
    assert IdentityAccessLog.objects.filter(action="grant_request", granted=False).count() == 2


def test_refusal_and_revocation_are_logged(world):
    grant = ask(world, world.users.coordination, world.users.focal_point)
    grants.refuse_grant(world.users.coordination2, grant, reason="Finalidade não justifica")
    with pytest.raises(PermissionDenied, match="já foi decidido"):
        grants.approve_grant(world.users.coordination2, grant)
    grants.revoke_grant(world.users.coordination, world.grant)
    assert not can_read_identity(world.users.worker, world.victim)
    assert [a for a, *_ in steps(grant)] == ["grant_request", "grant_refusal", "grant_approval"]
    assert [a for a, *_ in steps(world.grant)] == ["grant_revocation"]


def test_grant_pages_request_then_approve_by_another_member(client, world):
    login_verified(client, world.users.coordination)
    data = {
        "user": world.users.focal_point.pk,
        "source": world.disque100.pk,
        "institution": "",
        "purpose": "Proteção da vítima",
        "valid_until": "2999-01-01",
    }
    offered = client.get(reverse("sisetp:grant-request")).context["form"].fields["user"].queryset
    assert world.users.coordination not in offered and world.users.analyst not in offered  # never oneself
    response = client.post(reverse("sisetp:grant-request"), data)
    grant = IdentityAccessGrant.objects.get(user=world.users.focal_point)
    assert response.status_code == 302 and response.url == reverse("sisetp:grant", args=[grant.pk])
    page = client.get(response.url).content.decode()
    assert "Aguardando aprovação" in page and 'value="aprovar"' not in page  # the requester sees no approve button
    client.post(reverse("sisetp:grant-decide", args=[grant.pk]), {"action": "aprovar"})
    grant.refresh_from_db()
    assert grant.status == "requested"  # a forged POST is refused too
    login_verified(client, world.users.coordination2)
    assert 'value="aprovar"' in client.get(reverse("sisetp:grant", args=[grant.pk])).content.decode()
    client.post(reverse("sisetp:grant-decide", args=[grant.pk]), {"action": "aprovar"})
    grant.refresh_from_db()
    assert grant.status == "approved" and grant.granted_by == world.users.coordination2
    listing = client.get(reverse("sisetp:grants") + "?status=approved").content.decode()
    assert f'href="{reverse("sisetp:grant", args=[grant.pk])}"' in listing


def test_auditors_page_lists_log_entries_with_filters(client, world):
    read_identity(world.users.worker, world.victim, "Encaminhamento ao CREAS")
    with pytest.raises(PermissionDenied):
        read_identity(world.users.analyst, world.victim, "Curiosidade")
    ask(world, world.users.coordination, world.users.focal_point)
    client.force_login(world.users.coordination)
    url = reverse("sisetp:access-log")
    page = client.get(url).content.decode()
    assert "Curiosidade" in page and "Encaminhamento ao CREAS" in page and "Pedido de autorização" in page
    assert "Joana" not in page and "52998224725" not in page  # pseudonyms only
    refused = client.get(url, {"granted": "0"}).content.decode()
    assert "Curiosidade" in refused and "Encaminhamento ao CREAS" not in refused
    only = client.get(url, {"action": "grant_request", "username": "coord"}).content.decode()
    assert "Pedido de autorização" in only and "Curiosidade" not in only
    assert client.get(url, {"since": "2999-01-01"}).context["paginator"].count == 0


@pytest.mark.parametrize("who", ["focal_point", "committee", "analyst", "worker"])
def test_grant_pages_are_the_coordinations(client, world, who):
    client.force_login(getattr(world.users, who))
    grant = world.grant
    for url in [
        reverse("sisetp:grants"),
        reverse("sisetp:grant-request"),
        reverse("sisetp:grant", args=[grant.pk]),
        reverse("sisetp:access-log"),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("sisetp:grant-decide", args=[grant.pk]), {"action": "revogar"}).status_code == 403
    client.logout()
    assert client.get(reverse("sisetp:access-log")).status_code == 302


def test_an_account_the_requester_made_coordination_is_not_a_second_person(world, institution_admin_request):
    # The attack, one step further: coord creates a coordination account to approve its own requests.
    from pnetp.accounts import services as account_services

    puppet = account_services.invite_user(
        world.users.coordination,
        request=institution_admin_request,
        username="fantoche",
        email="f@exemplo.gov.br",
        role=Role.COORDINATION,
        institution=world.mdhc,
    )
    mark_verified(puppet)
    grant = ask(world, world.users.coordination, world.users.focal_point)
    with pytest.raises(PermissionDenied, match="não pode ter o pedido aprovado"):
        grants.approve_grant(puppet, grant)
    grants.approve_grant(world.users.coordination2, grant)  # a real second person still can


@pytest.fixture
def institution_admin_request(rf):
    return rf.get("/")


def _invite(actor, request, username, mdhc):
    user = account_services.invite_user(
        actor,
        request=request,
        username=username,
        email=f"{username}@exemplo.gov.br",
        role=Role.COORDINATION,
        institution=mdhc,
    )
    return mark_verified(user)


def _refusals(grant):
    return list(
        IdentityAccessLog.objects.filter(grant=grant, granted=False).order_by("pk").values_list("username", "reason")
    )


def test_a_chain_of_puppets_is_not_a_second_person(world, institution_admin_request):
    """coord makes B coordination, B makes C: C's role still traces back to coord, however old."""
    coord = world.users.coordination
    b = _invite(coord, institution_admin_request, "fantoche1", world.mdhc)
    c = _invite(b, institution_admin_request, "fantoche2", world.mdhc)
    settle(b, c, days=365)  # waiting does not help
    grant = ask(world, coord, world.users.focal_point)
    for puppet in (b, c):
        with pytest.raises(PermissionDenied, match="direta ou indiretamente"):
            grants.approve_grant(puppet, grant)
    assert [who for who, _reason in _refusals(grant)] == ["fantoche1", "fantoche2"]  # each refusal logged
    grant.refresh_from_db()
    assert grant.status == IdentityAccessGrant.Status.REQUESTED
    grants.approve_grant(world.users.coordination2, grant)


def test_nor_when_the_puppet_requests_for_its_maker(world, institution_admin_request):
    """The grantee's own puppets cannot approve a grant for the grantee either."""
    maker = world.users.coordination2
    puppet = _invite(maker, institution_admin_request, "fantoche3", world.mdhc)
    settle(puppet)
    grant = ask(world, world.users.coordination, maker)
    with pytest.raises(PermissionDenied, match="direta ou indiretamente"):
        grants.approve_grant(puppet, grant)


def test_a_new_coordination_account_waits_before_approving(world, institution_admin_request, settings):
    """Made by someone else (not in the requester's chain), but days ago only: refused, logged."""
    settings.PNETP_GRANT_APPROVER_MIN_DAYS = 7
    newcomer = _invite(world.users.coordination2, institution_admin_request, "nova.coord", world.mdhc)
    settle(newcomer, days=2)
    grant = ask(world, world.users.coordination, world.users.focal_point)
    with pytest.raises(PermissionDenied, match="há menos de 7 dias"):
        grants.approve_grant(newcomer, grant)
    assert _refusals(grant) == [
        (
            "nova.coord",
            "Sua conta tem o perfil de coordenação há menos de 7 dias: ainda não pode aprovar acesso a identidades.",
        )
    ]
    settle(newcomer, days=6)  # eight days now
    grants.approve_grant(newcomer, grant)


def test_taking_the_role_away_and_giving_it_back_is_an_elevation(world):
    """coord demotes coordination2 and makes it coordination again: now coord elevated it."""
    coord, other = world.users.coordination, world.users.coordination2
    account_services.change_role(coord, other, Role.ANALYST, world.mdhc)
    account_services.change_role(coord, other, Role.COORDINATION, world.mdhc)
    settle(other)
    grant = ask(world, coord, world.users.focal_point)
    with pytest.raises(PermissionDenied, match="direta ou indiretamente"):
        grants.approve_grant(mark_verified(other), grant)
