"""A small plan built with the ORM, its institutions and one user of each role.

Plan "teste": axis 1 → actions 1.1 (activities 1.1.1, 1.1.2) and 1.2 (1.2.1);
axis 2 → action 2.1 (activities 2.1.1, 2.1.2). MJSP leads everything except 2.1.x (led by MDHC);
MDHC is a partner of 1.1.1; MTE takes no part. Cycle 2025.1 runs Jan–Jun 2025, deadline 15/07/2025.
"""

from datetime import date
from importlib import import_module
from types import SimpleNamespace

import pytest

from pnetp.accounts.models import Role, User
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import MonitoringCycle, ProgressReport, Responsibility, StatusOption
from pnetp.plans.models import Activity, Axis, Plan, PriorityAction

STRUCTURE = {
    "1": {"1.1": ["1.1.1", "1.1.2"], "1.2": ["1.2.1"]},
    "2": {"2.1": ["2.1.1", "2.1.2"]},
}


def default_statuses() -> dict[str, StatusOption]:
    """The default vocabulary by slug, restored if a live-server test flushed its data-migration rows."""
    defaults = import_module("pnetp.monitoring.migrations.0002_default_status_options").DEFAULTS
    for slug, label, percent, counts, done, order in defaults:
        StatusOption.objects.get_or_create(slug=slug, defaults={
            "label": label, "default_percent": percent, "counts_toward_progress": counts, "is_done": done,
            "order": order,
        })  # fmt: skip
    return {option.slug: option for option in StatusOption.objects.all()}


def make_user(username, role="", institution=None, email=None, **extra):
    email = f"{username}@exemplo.gov.br" if email is None else email
    return User.objects.create_user(
        username=username, email=email, role=role, institution=institution, first_name=username.title(), **extra
    )


def make_plan(slug="teste"):
    plan = Plan.objects.create(slug=slug, title="Plano de teste", start_year=2024, end_year=2028)
    axes, actions, activities = {}, {}, {}
    position = 0
    for axis_code, axis_actions in STRUCTURE.items():
        position += 1
        axes[axis_code] = Axis.objects.create(plan=plan, code=axis_code, title=f"Eixo {axis_code}", position=position)
        for action_code, activity_codes in axis_actions.items():
            position += 1
            actions[action_code] = PriorityAction.objects.create(
                plan=plan, axis=axes[axis_code], code=action_code, title=f"Ação {action_code}", position=position
            )
            for code in activity_codes:
                position += 1
                activities[code] = Activity.objects.create(
                    plan=plan, action=actions[action_code], code=code, description=f"Ativ. {code}", position=position
                )
    return plan, axes, actions, activities


def make_responsibility(activity, leads, partners=(), **fields):
    responsibility = Responsibility.objects.create(activity=activity, **fields)
    responsibility.lead_institutions.set(leads)
    responsibility.partner_institutions.set(partners)
    return responsibility


@pytest.fixture
def world(db):
    return build_world()


def build_world() -> SimpleNamespace:
    plan, axes, actions, activities = make_plan()
    inst = {
        acronym: Institution.objects.create(acronym=acronym, name=name, kind=Institution.Kind.FEDERAL)
        for acronym, name in [
            ("MJSP", "Ministério da Justiça e Segurança Pública"),
            ("MDHC", "Ministério dos Direitos Humanos e da Cidadania"),
            ("MTE", "Ministério do Trabalho e Emprego"),
        ]
    }
    for code, activity in activities.items():
        if code.startswith("2."):
            make_responsibility(activity, [inst["MDHC"]], end_date=date(2025, 12, 31))
        elif code == "1.1.1":
            make_responsibility(activity, [inst["MJSP"]], [inst["MDHC"]], end_date=date(2026, 6, 30))
        else:
            make_responsibility(activity, [inst["MJSP"]], end_date=date(2026, 12, 31))
    users = SimpleNamespace(
        coord=make_user("coord", Role.COORDINATION),
        coord2=make_user("coord2", Role.COORDINATION),
        mjsp=make_user("mjsp", Role.FOCAL_POINT, inst["MJSP"]),
        mjsp2=make_user("mjsp2", Role.FOCAL_POINT, inst["MJSP"]),
        mdhc=make_user("mdhc", Role.FOCAL_POINT, inst["MDHC"]),
        mte=make_user("mte", Role.FOCAL_POINT, inst["MTE"]),
        committee=make_user("comite", Role.COMMITTEE_MEMBER, inst["MJSP"]),
        analyst=make_user("analista", Role.ANALYST, inst["MJSP"]),
    )
    cycle = MonitoringCycle.objects.create(
        plan=plan,
        name="2025.1",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 6, 30),
        reporting_deadline=date(2025, 7, 15),
        opened_by=users.coord,
    )
    status = default_statuses()
    return SimpleNamespace(
        plan=plan, axes=axes, actions=actions, act=activities, inst=inst, users=users, cycle=cycle, status=status
    )


def make_report(world, code, acronym, state="approved", status=None, percent=None, cycle=None):
    """A report in any state straight through the ORM, for roll-up and accountability tests."""
    return ProgressReport.objects.create(
        activity=world.act[code],
        cycle=cycle or world.cycle,
        institution=world.inst[acronym],
        state=state,
        status=world.status[status] if status else None,
        percent_complete=percent,
    )


def make_cycle(world, name, start, end, deadline):
    return MonitoringCycle.objects.create(
        plan=world.plan, name=name, period_start=start, period_end=end, reporting_deadline=deadline
    )
