import pytest
from django.urls import reverse

from pnetp.accounts.models import Role, User
from pnetp.plans.models import Activity, Axis, Plan, PriorityAction

from .factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination_client(client):
    client.force_login(make_user(Role.COORDINATION))
    return client


@pytest.fixture
def plan(db):
    plan = Plan.objects.create(slug="iv-pnetp", title="IV Plano", start_year=2024, end_year=2028)
    axis = Axis.objects.create(plan=plan, code="1", title="Estruturação da política")
    action = PriorityAction.objects.create(plan=plan, axis=axis, code="1.1", title="Potencializar a estruturação")
    Activity.objects.create(plan=plan, action=action, code="1.1.1", description="Fortalecer o CONATRAP")
    return plan


@pytest.mark.parametrize("model", ["plan", "axis", "priorityaction", "activity"])
def test_plan_admin_pages(coordination_client, plan, model):
    obj = {
        "plan": plan,
        "axis": plan.axes.get(),
        "priorityaction": plan.actions.get(),
        "activity": plan.activities.get(),
    }[model]
    for url in [
        reverse(f"admin:plans_{model}_changelist") + "?q=1",
        reverse(f"admin:plans_{model}_add"),
        reverse(f"admin:plans_{model}_change", args=[obj.pk]),
        reverse(f"admin:plans_{model}_history", args=[obj.pk]),
    ]:
        assert coordination_client.get(url).status_code == 200, url


def test_activity_must_belong_to_the_plan_of_its_action(coordination_client, plan):
    other = Plan.objects.create(slug="outro", title="Outro plano", start_year=2024, end_year=2028)
    activity = plan.activities.get()
    response = coordination_client.post(
        reverse("admin:plans_activity_change", args=[activity.pk]),
        {"plan": other.pk, "action": activity.action_id, "code": "1.1.1", "position": 0, "description": "x"},
    )
    assert response.status_code == 200
    assert "Escolha um item do mesmo plano." in response.content.decode()


def test_user_admin_syncs_is_staff_with_role(coordination_client, institution):
    user = make_user(Role.COORDINATION, "outra")
    response = coordination_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "username": "outra", "role": Role.FOCAL_POINT, "institution": institution.pk, "cpf": "529.982.247-25",
            "is_active": "on", "is_staff": "on", "is_superuser": "on",
            "date_joined_0": "2024-01-01", "date_joined_1": "00:00:00",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    user.refresh_from_db()
    assert (user.role, user.is_staff, user.is_superuser, user.cpf) == (Role.FOCAL_POINT, False, False, "52998224725")


def test_user_admin_rejects_invalid_cpf_and_focal_point_without_institution(coordination_client):
    user = make_user(Role.ANALYST)
    response = coordination_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {"username": user.username, "role": Role.FOCAL_POINT, "cpf": "123", "is_active": "on"},
    )
    html = response.content.decode()
    assert "CPF inválido." in html
    assert "Um ponto focal precisa pertencer a uma instituição." in html
    assert User.objects.get(pk=user.pk).role == Role.ANALYST


def test_user_admin_add_page(coordination_client):
    assert coordination_client.get(reverse("admin:accounts_user_add")).status_code == 200
