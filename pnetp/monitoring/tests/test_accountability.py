"""Accountability by institution and overdue reports in a cycle."""

from datetime import date

from pnetp.monitoring.models import Responsibility
from pnetp.monitoring.services.accountability import accountability_table, overdue_reports

from .conftest import make_report


def _scenario(world):
    make_report(world, "1.1.1", "MJSP", state="approved", status="concluida")
    make_report(world, "1.1.2", "MJSP", state="submitted", status="em-andamento")
    make_report(world, "1.2.1", "MJSP", state="draft")
    make_report(world, "2.1.1", "MDHC", state="returned", status="atrasada")
    make_report(world, "1.1.1", "MDHC", state="draft")  # a partner that started a report owes it
    # 2.1.2: MDHC never started it.


def _table(world, today):
    return {row.acronym: row for row in accountability_table(world.cycle, today)}


def test_accountability_table(world, django_assert_num_queries):
    _scenario(world)
    with django_assert_num_queries(3):
        rows = accountability_table(world.cycle, date(2025, 7, 20))
    table = {row.acronym: row for row in rows}
    assert list(table) == ["MDHC", "MJSP"]  # MTE owes nothing
    mjsp, mdhc = table["MJSP"], table["MDHC"]
    assert (mjsp.assigned, mjsp.reported, mjsp.approved, mjsp.overdue, mjsp.pending) == (3, 2, 1, 1, 1)
    assert (mdhc.assigned, mdhc.reported, mdhc.approved, mdhc.overdue, mdhc.pending) == (3, 0, 0, 3, 3)


def test_nothing_is_overdue_until_the_deadline_has_passed(world):
    _scenario(world)
    assert overdue_reports(world.cycle, date(2025, 7, 15)) == []
    assert all(row.overdue == 0 for row in _table(world, date(2025, 7, 15)).values())


def test_overdue_reports(world):
    _scenario(world)
    overdue = overdue_reports(world.cycle, date(2025, 7, 18))
    found = {(o.activity_code, world.inst["MJSP"].pk == o.institution_id, o.state, o.days_overdue) for o in overdue}
    assert found == {
        ("1.2.1", True, "draft", 3),
        ("1.1.1", False, "draft", 3),
        ("2.1.1", False, "returned", 3),
        ("2.1.2", False, None, 3),
    }


def test_activities_not_yet_started_are_not_owed(world):
    Responsibility.objects.filter(activity=world.act["1.2.1"]).update(start_date=date(2025, 7, 1))
    assert _table(world, date(2025, 7, 20))["MJSP"].assigned == 2
