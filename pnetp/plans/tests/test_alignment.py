"""Alignment of state and municipal activities to national ones: linking rules, status and coverage by UF.

``build_world`` is shared by the other test_alignment_* modules.
"""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.accounts.models import Role, User
from pnetp.core.tests.builders import build_plan, build_small_plan
from pnetp.core.tests.shared_data import fresh, shared
from pnetp.institutions.models import Institution
from pnetp.monitoring.models import MonitoringCycle, ProgressReport, StatusOption
from pnetp.monitoring.services.aligned_status import aligned_local_activities
from pnetp.plans import alignment
from pnetp.plans.models import ActivityAlignment, Plan

STATE, MUNICIPAL, DRAFT = Plan.Kind.STATE, Plan.Kind.MUNICIPAL, Plan.Status.DRAFT


def local_plan(slug, kind, territory, parent, status=Plan.Status.PUBLISHED, name=""):
    title = f"Plano de Enfrentamento ao Tráfico de Pessoas – {name}"
    return build_small_plan(slug, status, kind=kind, territory=territory, parent=parent, title=title, short_title=name)


def act(plan, code):
    return plan.activities.get(code=code)


def build_world() -> SimpleNamespace:
    """National plan; state plans SP and RJ; the São Paulo city plan under SP; a draft MG plan.

    Public coverage: SP covers 1.1.1, 1.1.3, 2.1.1 (state) and 5.1.1 (city) → 4; RJ covers 1.1.1 → 1;
    MG (draft) covers 4.1.1, counted only for the coordination.
    """
    national = build_plan()
    coord = User.objects.create_user("coord", password="x", role=Role.COORDINATION)
    world = SimpleNamespace(national=national, coord=coord)
    world.sp = local_plan("pe-sp", STATE, "SP", national, name="Plano SP")
    world.rj = local_plan("pe-rj", STATE, "RJ", national, name="Plano RJ")
    world.city = local_plan("pm-sao-paulo", MUNICIPAL, "3550308", world.sp, name="Plano São Paulo (capital)")
    world.mg = local_plan("pe-mg", STATE, "MG", national, status=DRAFT, name="Plano MG")
    for plan, local_code, national_code in [
        (world.sp, "1.1.1", "1.1.1"),
        (world.sp, "1.1.1", "1.1.3"),
        (world.sp, "1.1.2", "2.1.1"),
        (world.rj, "1.1.1", "1.1.1"),
        (world.city, "1.1.1", "1.1.3"),
        (world.city, "1.1.2", "5.1.1"),
        (world.mg, "1.1.1", "4.1.1"),
    ]:
        alignment.link_activities(coord, act(plan, local_code), act(national, national_code))
    return world


def approve_report(plan, code, status_slug, percent=None, label="Em andamento"):
    """An approved report on a local activity, straight through the ORM."""
    cycle = MonitoringCycle.objects.create(
        plan=plan, name="2025.1", period_start=date(2025, 1, 1), period_end=date(2025, 6, 30),
        reporting_deadline=date(2025, 7, 15),
    )  # fmt: skip
    institution = Institution.objects.create(acronym="SEJUS-SP", name="Secretaria", kind="state", uf="SP")
    # get_or_create: transactional tests flush the options created by monitoring's data migration.
    status = StatusOption.objects.get_or_create(slug=status_slug, defaults={"label": label, "default_percent": 50})[0]
    return ProgressReport.objects.create(
        activity=act(plan, code),
        cycle=cycle,
        institution=institution,
        state=ProgressReport.State.APPROVED,
        status=status,
        percent_complete=percent,
    )


# Built once per module (national plan and four local ones); each test rolls its own changes back.
shared_world = shared(lambda folder: build_world())


@pytest.fixture
def world(shared_world, db):
    return fresh(shared_world)


# --- Linking rules ---------------------------------------------------------------------------------


def test_link_records_author_note_and_history_and_is_idempotent(world):
    local, national = act(world.rj, "1.1.2"), act(world.national, "3.1.1")
    link, created = alignment.link_activities(world.coord, local, national, "  Campanha   estadual ")
    assert created and link.note == "Campanha estadual" and link.created_by == world.coord
    assert link.history.get().history_user == world.coord

    again, created = alignment.link_activities(world.coord, local, national, "Campanha estadual")
    assert (again.pk, created) == (link.pk, False)
    assert link.history.count() == 1  # nothing changed, nothing recorded

    alignment.link_activities(world.coord, local, national, "Nova observação")
    link.refresh_from_db()
    assert link.note == "Nova observação" and link.history.count() == 2
    assert ActivityAlignment.objects.filter(local_activity=local).count() == 1


def test_municipal_plan_links_through_its_state_plan(world):
    assert alignment.national_root(world.city) == world.national
    assert ActivityAlignment.objects.filter(local_activity__plan=world.city).count() == 2


@pytest.mark.parametrize(
    "case, message",
    [
        ("self", "Uma atividade não pode se alinhar a si mesma."),
        ("national as local", "não pertence a um plano estadual ou municipal"),
        ("local as national", "não pertence a um plano nacional"),
        ("other national plan", "não tem o plano “IV PNETP” como plano de referência"),
        ("no parent", "não tem o plano “IV PNETP” como plano de referência"),
    ],
)
def test_invalid_links_are_refused_in_portuguese(world, case, message):
    if case == "self":
        local = national = act(world.sp, "1.1.1")
    elif case == "national as local":
        local, national = act(world.national, "1.1.2"), act(world.national, "1.1.1")
    elif case == "local as national":
        local, national = act(world.city, "1.1.1"), act(world.sp, "1.1.1")
    else:
        other = build_small_plan("iii-pnetp", kind=Plan.Kind.NATIONAL) if case == "other national plan" else None
        local = act(local_plan("pe-ba", STATE, "BA", other, name="Plano BA"), "1.1.1")
        national = act(world.national, "1.1.1")
    before = ActivityAlignment.objects.count()
    with pytest.raises(ValidationError) as error:
        alignment.link_activities(world.coord, local, national)
    assert message in error.value.messages[0]
    assert ActivityAlignment.objects.count() == before


@pytest.mark.parametrize("role", ["", Role.FOCAL_POINT, Role.COMMITTEE_MEMBER, Role.ANALYST])
def test_only_the_coordination_links_and_unlinks(world, role):
    user = User.objects.create_user(f"user-{role or 'none'}", password="x", role=role)
    link = ActivityAlignment.objects.first()
    with pytest.raises(PermissionDenied):
        alignment.link_activities(user, act(world.rj, "1.1.2"), act(world.national, "1.1.1"))
    with pytest.raises(PermissionDenied):
        alignment.unlink(user, link)
    assert ActivityAlignment.objects.filter(pk=link.pk).exists()


def test_unlink_keeps_who_removed_it_in_the_history(world):
    link = ActivityAlignment.objects.filter(local_activity__plan=world.rj).get()
    pk = link.pk
    alignment.unlink(world.coord, link)
    assert not ActivityAlignment.objects.filter(pk=pk).exists()
    deleted = ActivityAlignment.history.filter(id=pk, history_type="-").get()
    assert deleted.history_user == world.coord


# --- Aligned activities and their status -----------------------------------------------------------


def test_aligned_local_activities_of_a_national_activity(world):
    rows = aligned_local_activities(act(world.national, "1.1.1"))
    assert [(r.uf, r.plan.slug, r.activity.code) for r in rows] == [("RJ", "pe-rj", "1.1.1"), ("SP", "pe-sp", "1.1.1")]
    assert {(r.reported, r.status, r.percent) for r in rows} == {(False, "sem relatório", None)}
    # State plan before the municipal plans of the same UF.
    rows = aligned_local_activities(act(world.national, "1.1.3"))
    expected = [("pe-sp", "São Paulo"), ("pm-sao-paulo", "Município 3550308 (SP)")]
    assert [(r.plan.slug, r.territory) for r in rows] == expected


def test_drafts_only_with_include_drafts(world):
    national = act(world.national, "4.1.1")
    assert aligned_local_activities(national) == []
    assert [r.plan.slug for r in aligned_local_activities(national, include_drafts=True)] == ["pe-mg"]


def test_status_and_percent_come_from_the_monitoring_roll_up(world):
    approve_report(world.sp, "1.1.1", "em-andamento", percent=40)
    rows = {r.plan.slug: r for r in aligned_local_activities(act(world.national, "1.1.1"))}
    sp = rows["pe-sp"]
    assert (sp.reported, sp.status, sp.percent) == (True, "Em andamento", Decimal("40.00"))
    assert rows["pe-rj"].status == "sem relatório"


# --- Coverage by UF --------------------------------------------------------------------------------


def test_public_coverage_by_uf(world):
    coverage = alignment.coverage_by_uf(world.national)
    assert coverage.total == 108 and len(coverage.rows) == 27
    rows = {row.uf: row for row in coverage.rows}
    sp, rj, mg = rows["SP"], rows["RJ"], rows["MG"]
    assert (sp.state_plan, [p.slug for p in sp.municipal_plans]) == (world.sp, ["pm-sao-paulo"])
    assert (sp.covered, sp.percent) == (4, Decimal("3.7"))
    per_axis = [(a.axis.code, a.covered, a.total) for a in sp.axes]
    assert per_axis == [("1", 2, 22), ("2", 1, 31), ("3", 0, 20), ("4", 0, 23), ("5", 1, 12)]
    assert (rj.covered, rj.percent, rj.state_plan) == (1, Decimal("0.9"), world.rj)
    assert (mg.covered, mg.state_plan, mg.plans) == (0, None, [])  # the draft does not count publicly
    assert sum(row.covered for row in coverage.rows) == 5
    assert (coverage.covered, coverage.percent, coverage.states_with_plan) == (4, Decimal("3.7"), 2)


def test_coordination_coverage_counts_drafts(world):
    coverage = alignment.coverage_by_uf(world.national, include_drafts=True)
    mg = next(row for row in coverage.rows if row.uf == "MG")
    assert (mg.covered, mg.state_plan) == (1, world.mg)
    assert (coverage.covered, coverage.states_with_plan) == (5, 3)


def test_coverage_without_local_plans(db):
    coverage = alignment.coverage_by_uf(build_plan())
    assert (coverage.covered, coverage.percent, coverage.states_with_plan) == (0, Decimal("0.0"), 0)
    assert all(row.covered == 0 for row in coverage.rows)


def test_local_plan_alignment_lists_every_activity(world):
    data = alignment.local_plan_alignment(world.sp)
    assert data.national_plan == world.national
    assert [(row.activity.code, [a.national_activity.code for a in row.alignments]) for row in data.rows] == [
        ("1.1.1", ["1.1.1", "1.1.3"]),
        ("1.1.2", ["2.1.1"]),
    ]
    assert (data.covered, data.national_total, data.territory) == (3, 108, "São Paulo")
