"""The admin shows pseudonymous data and the access log, never an identity."""

import pytest
from django.contrib import admin
from django.urls import reverse

from pnetp.sisetp.models import IdentityAccessLog, PersonIdentity
from pnetp.sisetp.services.identity import read_identity

from .conftest import PLAINTEXTS


@pytest.fixture
def admin_client(client, world):
    world.users.coordination.is_staff = True
    world.users.coordination.save()
    client.force_login(world.users.coordination)
    return client


def test_identity_has_no_admin():
    assert PersonIdentity not in admin.site._registry
    assert PersonIdentity.history.model not in admin.site._registry
    for model_admin in admin.site._registry.values():
        assert all(inline.model is not PersonIdentity for inline in model_admin.inlines)


def test_admin_pages_of_a_person_show_no_identity(admin_client, world):
    read_identity(world.users.worker, world.victim, "Atendimento")
    pages = [
        reverse("admin:index"),
        reverse("admin:sisetp_caseperson_changelist"),
        reverse("admin:sisetp_caseperson_change", args=[world.victim.pk]),
        reverse("admin:sisetp_caseperson_history", args=[world.victim.pk]),
        reverse("admin:sisetp_case_change", args=[world.case.pk]),
        reverse("admin:sisetp_identityaccesslog_changelist"),
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [value for value in PLAINTEXTS if value in html], url
    assert str(world.victim.pseudonym) in admin_client.get(pages[1]).content.decode()


def test_access_log_is_read_only_in_the_admin(admin_client, world):
    read_identity(world.users.worker, world.victim, "Atendimento")
    log = IdentityAccessLog.objects.latest("pk")
    count = IdentityAccessLog.objects.count()
    assert admin_client.get(reverse("admin:sisetp_identityaccesslog_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:sisetp_identityaccesslog_delete", args=[log.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert IdentityAccessLog.objects.count() == count


def test_grants_are_read_only_in_the_admin(admin_client, world):
    # Issue 12: the admin was a way to give identity access with one person; grants go through the
    # two-person pages now, and the admin only shows them.
    data = {
        "user": world.users.focal_point.pk,
        "source": world.disque100.pk,
        "institution": "",
        "purpose": "Proteção da vítima",
        "valid_until": "2030-01-01",
    }
    assert admin_client.post(reverse("admin:sisetp_identityaccessgrant_add"), data).status_code == 403
    change = reverse("admin:sisetp_identityaccessgrant_change", args=[world.grant.pk])
    assert admin_client.get(change).status_code == 200  # view only
    admin_client.post(change, {**data, "user": world.users.coordination.pk})
    delete = reverse("admin:sisetp_identityaccessgrant_delete", args=[world.grant.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    world.grant.refresh_from_db()
    assert world.grant.user == world.users.worker and not world.users.focal_point.identity_grants.exists()


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("raiz", "raiz@exemplo.gov.br", "x"))
    return client


def test_linkage_runs_and_review_pairs_in_the_admin_show_no_identity(superuser_client, world):
    from pnetp.linkage.models import LinkageRun, ReviewPair

    run = LinkageRun.objects.create(status=LinkageRun.Status.DONE, records=2, persons=1, pairs_to_review=1)
    key = f"{world.disque100.slug}|{world.case.source_record_id}|{world.victim.source_person_id}"
    pair = ReviewPair.objects.create(
        left_record=key,
        right_record="zz|X-1|1",
        left=world.victim,
        probability=0.6,
        run=run,
        comparison={"nome": "parecido", "cpf": "igual"},
        status=ReviewPair.Status.SAME,
        note="Joana Fictícia da Silva, CPF 529.982.247-25",  # a reviewer quoting the record
    )
    pending = ReviewPair.objects.create(left_record="aa|1|1", right_record="bb|2|1", probability=0.5)
    pages = [
        reverse("admin:linkage_linkagerun_changelist"),
        reverse("admin:linkage_linkagerun_change", args=[run.pk]),
        reverse("admin:linkage_reviewpair_changelist"),
        reverse("admin:linkage_reviewpair_changelist") + "?status__exact=mesma",
        reverse("admin:linkage_reviewpair_change", args=[pair.pk]),
    ]
    for url in pages:
        response = superuser_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [value for value in PLAINTEXTS if value in html], url
    detail = superuser_client.get(pages[4]).content.decode()
    assert key in detail and str(world.victim.pseudonym) in detail and "parecido" in detail
    filtered = superuser_client.get(pages[3]).content.decode()
    assert key in filtered and pending.left_record not in filtered
    assert superuser_client.get(reverse("admin:linkage_reviewpair_add")).status_code == 403
    assert superuser_client.post(pages[1], {"status": "falhou"}).status_code == 403
