"""Who reads identities, role by role; every read and refusal is logged."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from pnetp.sisetp.models import Case, CasePerson, IdentityAccessGrant, IdentityAccessLog
from pnetp.sisetp.permissions import can_manage_identity_grants, can_read_identity
from pnetp.sisetp.services.identity import read_identity, store_identity

from .conftest import FAKE_IDENTITY

PURPOSE = "Encaminhar a vítima ao CREAS"


def last_log():
    return IdentityAccessLog.objects.order_by("-pk").first()


@pytest.mark.parametrize("who", ["anonymous", "coordination", "focal_point", "committee", "analyst", "other_worker"])
def test_without_a_grant_everyone_is_refused_and_logged(world, who):
    user = AnonymousUser() if who == "anonymous" else getattr(world.users, who)
    before = IdentityAccessLog.objects.count()
    assert not can_read_identity(user, world.victim)
    with pytest.raises(PermissionDenied):
        read_identity(user, world.victim, PURPOSE)
    assert IdentityAccessLog.objects.count() == before + 1
    log = last_log()
    assert log.granted is False and log.action == "read" and log.purpose == PURPOSE
    assert log.person == world.victim and log.person_pseudonym == world.victim.pseudonym
    assert log.user == (None if who == "anonymous" else user)
    assert log.reason


def test_the_worker_with_a_grant_reads_and_it_is_logged(world):
    identity = read_identity(world.users.worker, world.victim, PURPOSE)
    assert identity.full_name == FAKE_IDENTITY["full_name"]
    assert identity.cpf == "52998224725"  # stored normalised
    assert identity.birth_date == date(2001, 4, 9)
    log = last_log()
    assert log.granted and log.user == world.users.worker and log.grant == world.grant
    assert log.username == "creas" and log.purpose == PURPOSE


@pytest.mark.parametrize("who", ["coordination", "focal_point", "committee"])
def test_other_roles_read_only_with_a_grant_of_their_own(world, who):
    user = getattr(world.users, who)
    IdentityAccessGrant.objects.create(
        user=user,
        institution=world.mdhc,
        purpose="Proteção",
        valid_until=date(2999, 1, 1),
        requested_by=world.users.worker,
        granted_by=world.users.other_worker,
        status=IdentityAccessGrant.Status.APPROVED,
    )
    assert read_identity(user, world.victim, PURPOSE).social_name == FAKE_IDENTITY["social_name"]
    assert last_log().granted


def test_analysts_never_read_identities_even_with_a_grant(world):
    grant = IdentityAccessGrant(
        user=world.users.analyst,
        source=world.disque100,
        purpose="x",
        valid_until=date(2999, 1, 1),
        requested_by=world.users.coordination,
        granted_by=world.users.coordination2,
        status=IdentityAccessGrant.Status.APPROVED,
    )
    with pytest.raises(ValidationError, match="Analistas"):
        grant.full_clean()
    grant.save()  # even if it slipped past validation, the policy still refuses
    with pytest.raises(PermissionDenied):
        read_identity(world.users.analyst, world.victim, PURPOSE)
    assert not last_log().granted


def test_a_blank_purpose_is_refused_and_logged(world):
    with pytest.raises(PermissionDenied):
        read_identity(world.users.worker, world.victim, "   ")
    assert not last_log().granted and "Finalidade" in last_log().reason


def test_expired_or_revoked_grants_stop_working(world):
    world.grant.valid_until = timezone.localdate() - timedelta(days=1)
    world.grant.save()
    with pytest.raises(PermissionDenied):
        read_identity(world.users.worker, world.victim, PURPOSE)
    world.grant.valid_until = date(2999, 1, 1)
    world.grant.revoked_at = timezone.now()
    world.grant.save()
    with pytest.raises(PermissionDenied):
        read_identity(world.users.worker, world.victim, PURPOSE)
    assert IdentityAccessLog.objects.filter(user=world.users.worker, granted=False).count() == 2


def test_a_grant_covers_its_source_only(world):
    other_case = Case.objects.create(source=world.inspection, source_record_id="F-1", reporting_date=date(2024, 1, 1))
    worker_case = CasePerson.objects.create(case=other_case, source_person_id="1", role="vitima")
    with pytest.raises(PermissionDenied):
        read_identity(world.users.worker, worker_case, PURPOSE)


def test_a_grant_reaches_only_the_grantees_institution_and_not_oneself(world):
    outside = IdentityAccessGrant(
        user=world.users.other_worker,
        source=world.disque100,
        purpose="x",
        valid_until=date(2999, 1, 1),
        granted_by=world.users.coordination,
    )
    with pytest.raises(ValidationError, match="própria instituição"):
        outside.full_clean()
    self_grant = IdentityAccessGrant(
        user=world.users.coordination,
        source=world.disque100,
        purpose="x",
        valid_until=date(2999, 1, 1),
        granted_by=world.users.coordination,
    )
    with pytest.raises(ValidationError, match="si mesmo"):
        self_grant.full_clean()
    both = IdentityAccessGrant(
        user=world.users.worker,
        source=world.disque100,
        institution=world.mdhc,
        purpose="x",
        valid_until=date(2999, 1, 1),
    )
    with pytest.raises(ValidationError):
        both.full_clean()


def test_moving_to_another_institution_ends_access(world):
    world.users.worker.institution = world.mte
    world.users.worker.save()
    with pytest.raises(PermissionDenied):
        read_identity(world.users.worker, world.victim, PURPOSE)


def test_only_the_coordination_manages_grants(world):
    assert can_manage_identity_grants(world.users.coordination)
    for who in ("focal_point", "committee", "analyst", "worker"):
        assert not can_manage_identity_grants(getattr(world.users, who))
    assert not can_manage_identity_grants(AnonymousUser())


def test_writes_follow_the_read_rule_and_are_logged(world):
    with pytest.raises(PermissionDenied):
        store_identity(world.victim, {"phone": "+55 61 98888-0000"}, user=world.users.coordination, purpose="Correção")
    assert last_log().action == "write" and not last_log().granted
    store_identity(world.victim, {"phone": "+55 61 98888-0000"}, user=world.users.worker, purpose="Correção")
    assert last_log().action == "write" and last_log().granted
    assert read_identity(world.users.worker, world.victim, PURPOSE).phone == "+55 61 98888-0000"
    assert world.victim.identity.history.latest().history_user == world.users.worker


def test_an_invalid_cpf_is_refused(world):
    with pytest.raises(ValidationError):
        store_identity(world.victim, {"cpf": "111.111.111-11"}, check_permission=False)


def test_a_person_without_identity_reads_as_none_and_is_logged(world):
    suspect = CasePerson.objects.create(case=world.case, source_person_id="9", role="suspeito")
    assert read_identity(world.users.worker, suspect, PURPOSE) is None
    assert last_log().person == suspect and last_log().granted


def test_the_log_is_append_only(world):
    with pytest.raises(PermissionDenied):
        read_identity(world.users.analyst, world.victim, PURPOSE)
    log = last_log()
    with pytest.raises(ValidationError):
        log.save()
    with pytest.raises(ValidationError):
        log.delete()


def test_a_grant_not_yet_approved_by_a_second_person_reads_nothing(world):
    world.grant.status = IdentityAccessGrant.Status.REQUESTED
    world.grant.save()
    with pytest.raises(PermissionDenied):
        read_identity(world.users.worker, world.victim, PURPOSE)
    world.grant.status = IdentityAccessGrant.Status.REFUSED
    world.grant.save()
    assert not can_read_identity(world.users.worker, world.victim)


def test_a_grant_needs_a_strong_sign_in(world, django_user_model):
    # The same worker, same grant, but a session without second factor nor gov.br prata/ouro.
    plain = django_user_model.objects.get(pk=world.users.worker.pk)
    with pytest.raises(PermissionDenied, match="segundo fator"):
        read_identity(plain, world.victim, PURPOSE)
    assert not last_log().granted and "prata ou ouro" in last_log().reason
    plain.govbr_level = "bronze"
    assert not can_read_identity(plain, world.victim)
    plain.govbr_level = "prata"
    assert can_read_identity(plain, world.victim)
