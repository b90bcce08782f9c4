"""Roll-up numbers computed by hand on the small plan of conftest.py."""

from datetime import date
from decimal import Decimal

from pnetp.monitoring.models import Responsibility
from pnetp.monitoring.services.rollup import activity_progress, overdue_activities, plan_progress

from .conftest import make_cycle, make_report


def _nodes(tree):
    """{code: node} for the plan, its axes and actions."""
    found = {"plan": tree}
    for axis in tree.children:
        found[axis.code] = axis
        for action in axis.children:
            found[action.code] = action
            for activity in action.children:
                found[activity.code] = activity
    return found


def _weigh(world, code, weight):
    Responsibility.objects.filter(activity=world.act[code]).update(weight=weight)


def test_weighted_rollup_with_an_excluded_activity(world, django_assert_num_queries):
    _weigh(world, "1.1.1", 2)
    _weigh(world, "2.1.1", 3)
    make_report(world, "1.1.1", "MJSP", status="em-andamento", percent=40)
    make_report(world, "1.1.1", "MDHC", status="em-andamento", percent=60)  # partner: averaged in → 50
    make_report(world, "1.1.2", "MJSP", status="concluida")  # no percent → default 100
    make_report(world, "1.2.1", "MJSP", state="submitted", status="concluida", percent=80)  # not approved → 0
    make_report(world, "2.1.1", "MDHC", status="cancelada", percent=90)  # excluded despite its percent
    make_report(world, "2.1.2", "MDHC", status="atrasada")  # default 25

    with django_assert_num_queries(4):
        tree = plan_progress(world.plan)
    n = _nodes(tree)

    assert n["1.1.1"].progress == Decimal("50.00") and n["1.1.1"].weight == 2
    assert n["1.1.2"].progress == Decimal("100.00") and n["1.1.2"].done
    assert n["1.2.1"].progress == Decimal("0.00") and not n["1.2.1"].reported
    assert n["2.1.1"].excluded and n["2.1.1"].progress is None
    assert n["2.1.2"].progress == Decimal("25.00")
    # (2×50 + 1×100) / 3
    assert n["1.1"].progress == Decimal("66.67") and n["1.1"].weight == 3
    assert n["1.2"].progress == Decimal("0.00")
    # (2×50 + 100 + 0) / 4
    assert n["1"].progress == Decimal("50.00") and n["1"].counted == 3
    assert n["2.1"].progress == Decimal("25.00") and (n["2.1"].counted, n["2.1"].excluded) == (1, 1)
    assert n["2"].progress == Decimal("25.00") and n["2"].weight == 1
    # (2×50 + 100 + 0 + 25) / (2 + 1 + 1 + 1) = 225 / 5
    assert tree.progress == Decimal("45.00") and tree.weight == 5
    assert (tree.counted, tree.excluded) == (4, 1)
    assert [axis.code for axis in tree.children] == ["1", "2"]


def test_every_activity_excluded_leaves_no_progress(world):
    make_report(world, "2.1.1", "MDHC", status="cancelada")
    make_report(world, "2.1.2", "MDHC", status="cancelada")
    n = _nodes(plan_progress(world.plan))
    assert n["2.1"].progress is None and n["2"].progress is None
    assert n["plan"].progress == Decimal("0.00")  # the three activities of axis 1 have no report


def test_latest_approved_report_carries_forward(world):
    later = make_cycle(world, "2025.2", date(2025, 7, 1), date(2025, 12, 31), date(2026, 1, 15))
    make_report(world, "1.1.2", "MJSP", status="em-andamento", percent=20)
    make_report(world, "1.1.2", "MJSP", status="em-andamento", percent=70, cycle=later)
    make_report(world, "1.2.1", "MJSP", status="em-andamento", percent=30)
    make_report(world, "1.2.1", "MJSP", state="draft", status="concluida", cycle=later)  # not approved

    first = activity_progress(world.plan, world.cycle)
    assert first[world.act["1.1.2"].pk].progress == Decimal("20.00")
    latest = activity_progress(world.plan)
    assert latest[world.act["1.1.2"].pk].progress == Decimal("70.00")
    assert latest[world.act["1.2.1"].pk].progress == Decimal("30.00")


def test_activity_without_responsibility_weighs_one(world):
    Responsibility.objects.filter(activity=world.act["1.1.2"]).delete()
    _weigh(world, "1.1.1", 3)
    make_report(world, "1.1.1", "MJSP", status="concluida", percent=100)
    n = _nodes(plan_progress(world.plan))
    assert n["1.1.2"].weight == 1
    assert n["1.1"].progress == Decimal("75.00")  # (3×100 + 1×0) / 4


def test_overdue_activities_with_a_fixed_date(world):
    # 2.1.1 and 2.1.2 end on 31/12/2025; the others in 2026.
    make_report(world, "2.1.1", "MDHC", status="cancelada")
    make_report(world, "2.1.2", "MDHC", status="atrasada", percent=60)

    assert overdue_activities(world.plan, date(2025, 12, 31)) == []
    [late] = overdue_activities(world.plan, date(2026, 1, 10))
    assert (late.code, late.end_date, late.days_late) == ("2.1.2", date(2025, 12, 31), 10)
    assert late.status_labels == ("Atrasada",)

    later = make_cycle(world, "2025.2", date(2025, 7, 1), date(2025, 12, 31), date(2026, 1, 15))
    make_report(world, "2.1.2", "MDHC", status="continua", cycle=later)
    assert overdue_activities(world.plan, date(2026, 1, 10)) == []

    late_codes = [a.code for a in overdue_activities(world.plan, date(2027, 1, 1))]
    assert late_codes == ["1.1.1", "1.1.2", "1.2.1"]  # no approved report at all
