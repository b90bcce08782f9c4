from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from pnetp.accounts import permissions
from pnetp.accounts.cpf import is_valid_cpf, normalize_cpf
from pnetp.accounts.models import Role, User
from pnetp.accounts.services import assign_role, users_for_cpf

from .factories import make_institution, make_user

pytestmark = pytest.mark.django_db

# role → (manage institutions/admin, view draft plans)
EXPECTED = {
    "anonymous": (False, False),
    Role.COORDINATION: (True, True),
    Role.FOCAL_POINT: (False, False),
    Role.COMMITTEE_MEMBER: (False, False),
    Role.ANALYST: (False, False),
}


def user_for(role):
    return AnonymousUser() if role == "anonymous" else make_user(role)


@pytest.mark.parametrize("role", EXPECTED)
def test_policy_by_role(role, institution):
    user = user_for(role)
    manage, drafts = EXPECTED[role]
    assert permissions.can_manage_institutions(user) is manage
    assert permissions.can_edit_institution(user, institution) is manage
    assert permissions.can_view_institution_history(user, institution) is manage
    assert permissions.can_access_admin(user) is manage
    assert permissions.can_view_draft_plans(user) is drafts


def test_focal_point_reports_only_for_own_institution():
    mjsp, mte = make_institution("MJSP"), make_institution("MTE", "Ministério do Trabalho e Emprego")
    focal = make_user(Role.FOCAL_POINT, institution=mjsp)
    assert permissions.can_edit_institution_reports(focal, mjsp)
    assert not permissions.can_edit_institution_reports(focal, mte)
    assert permissions.can_edit_institution_reports(make_user(Role.COORDINATION), mte)
    assert not permissions.can_edit_institution_reports(make_user(Role.ANALYST), mjsp)
    assert not permissions.can_edit_institution_reports(AnonymousUser(), mjsp)


def test_inactive_coordination_has_no_power():
    user = make_user(Role.COORDINATION)
    user.is_active = False
    assert not permissions.can_access_admin(user)
    assert not user.has_perm("institutions.change_institution")


def test_superuser_counts_as_coordination():
    user = User.objects.create_superuser("root", password="x")
    assert permissions.is_coordination(user)


def test_coordination_holds_every_model_permission():
    assert make_user(Role.COORDINATION).has_perm("plans.change_activity")
    assert make_user(Role.COORDINATION, "c2").has_module_perms("institutions")
    assert not make_user(Role.ANALYST).has_perm("plans.change_activity")


def test_assign_role_keeps_is_staff_in_step(institution):
    user = User.objects.create_user("maria", password="x")
    assign_role(user, Role.COORDINATION)
    user.refresh_from_db()
    assert user.is_staff and user.role == Role.COORDINATION
    assign_role(user, Role.FOCAL_POINT, institution)
    user.refresh_from_db()
    assert not user.is_staff and user.institution == institution


def test_assign_role_rejects_focal_point_without_institution_and_unknown_roles():
    user = User.objects.create_user("joao", password="x")
    with pytest.raises(ValidationError):
        assign_role(user, Role.FOCAL_POINT)
    with pytest.raises(ValidationError):
        assign_role(user, "admin")


def test_cpf_normalisation_and_check_digits():
    assert normalize_cpf("529.982.247-25") == "52998224725"
    assert is_valid_cpf("529.982.247-25")
    assert not is_valid_cpf("529.982.247-26")
    assert not is_valid_cpf("111.111.111-11")
    assert not is_valid_cpf("123")


def test_users_for_cpf_matches_any_format():
    user = make_user(Role.ANALYST)
    user.cpf = "52998224725"
    user.save()
    assert list(users_for_cpf("529.982.247-25")) == [user]
    assert not users_for_cpf("").exists()


def test_assign_role_command(institution):
    User.objects.create_user("lia", password="x")
    out = StringIO()
    call_command("assign_role", "lia", "coordination", stdout=out)
    assert User.objects.get(username="lia").is_staff
    call_command("assign_role", "lia", "focal_point", "--institution", "mjsp", stdout=out)
    lia = User.objects.get(username="lia")
    assert (lia.role, lia.institution, lia.is_staff) == (Role.FOCAL_POINT, institution, False)
    with pytest.raises(CommandError, match="Um ponto focal precisa pertencer a uma instituição."):
        call_command("assign_role", "lia", "focal_point", stdout=out)
    with pytest.raises(CommandError, match="não encontrad"):
        call_command("assign_role", "ninguem", "analyst", stdout=out)
