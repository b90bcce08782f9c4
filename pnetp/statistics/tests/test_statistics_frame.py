"""The record frame kept between releases: brought up to date with only what changed, it is the very frame a
full read gives — after an import, a linkage run, an event or a citizenship added to an old record — and it is
read whole again after a deletion.

All persons are fictitious; only pseudonymous fields are set.
"""

import pytest

from pnetp.sisetp.models import CasePerson, Event, VocabularyTerm
from pnetp.statistics import frame
from pnetp.territory.models import Country

from .test_statistics import Builder, make_source


@pytest.fixture
def built(db, places):
    builder = Builder(make_source())
    paraguay = Country.objects.get_or_create(alpha2="PY", defaults={"alpha3": "PRY", "numeric": "600", "name": "PY"})[0]
    labour = VocabularyTerm.objects.get(vocabulary="exploitation_form", code="trabalho_escravo")
    for n in range(12):
        record = builder.victim(uf=places.df if n % 2 else places.rr, year=2023 + n % 3, key=f"PES-{n % 9}")
        if n % 4 == 0:
            record.citizenships.add(paraguay)
            record.exploitation_forms.add(labour)
    builder.victim(uf=places.df, role="suspeito")  # not counted: never in the frame
    return builder, paraguay, labour


def as_lists(f: frame.Frame) -> dict:
    return {name: getattr(f, name).to_pylist() for name in frame.NAMES}


def kept() -> dict:
    """Read the frame whole (nothing loaded) and keep it, as a publish does; returns the stored state."""
    frame.load(None)
    frame.read()
    assert frame.last_report.full
    return frame.export()


def updated(state: dict) -> frame.Frame:
    frame.load(state)
    return frame.read()


def whole() -> frame.Frame:
    return frame._full(frame.watermarks())


def test_an_import_reads_only_the_new_cases(built, places):
    builder, paraguay, _labour = built
    state = kept()
    for _ in range(3):
        builder.victim(uf=places.rr, year=2025, key="PES-1").citizenships.add(paraguay)
    f = updated(state)
    assert not frame.last_report.full and frame.last_report.cases_read == 3
    assert as_lists(f) == as_lists(whole())
    assert f.persons.num_rows == 15


def test_a_linkage_run_changes_person_keys_without_reading_cases(built):
    state = kept()
    CasePerson.objects.filter(person_key="PES-2").update(person_key="PES-3")  # two persons found to be one
    CasePerson.objects.filter(person_key="PES-4").update(person_key=None)  # a link undone
    f = updated(state)
    assert not frame.last_report.full and frame.last_report.cases_read == 0
    assert as_lists(f) == as_lists(whole())
    assert "PES-2" not in f.persons["person_key"].to_pylist()


def test_rows_added_to_old_records(built, places):
    _builder, paraguay, labour = built
    state = kept()
    old = CasePerson.objects.filter(role="vitima").order_by("pk")[1]
    Event.objects.create(case=old.case, kind="aliciamento", federative_unit=places.df, sequence=5)
    old.citizenships.add(paraguay)
    old.exploitation_forms.add(labour)
    f = updated(state)
    assert not frame.last_report.full and frame.last_report.cases_read == 1
    assert as_lists(f) == as_lists(whole())


def test_a_deletion_reads_everything_again(built):
    state = kept()
    CasePerson.objects.filter(role="vitima").order_by("pk").first().case.delete()  # a batch undone
    f = updated(state)
    assert frame.last_report.full
    assert as_lists(f) == as_lists(whole())
    assert f.persons.num_rows == 11


def test_a_missing_file_reads_everything_again(built):
    state = kept()
    f = updated({**state, "token": "0" * 32})
    assert frame.last_report.full
    assert as_lists(f) == as_lists(whole())


def test_an_edited_case_is_read_again(built):
    state = kept()
    record = CasePerson.objects.filter(role="vitima").order_by("pk")[2]
    case = record.case
    case.trafficking_status = "nao_trafico"  # no longer counted
    case.save()
    other = CasePerson.objects.filter(role="vitima").order_by("pk")[5]
    other.sex = "masculino"
    other.save()
    other.case.save()  # an edit of a record touches its case (as the fingerprint assumes)
    f = updated(state)
    assert not frame.last_report.full and frame.last_report.cases_read == 2
    assert as_lists(f) == as_lists(whole())
    assert record.pk not in f.persons["id"].to_pylist()


def test_a_new_source_is_read_by_its_new_cases_and_a_source_taken_out_reads_everything(built, places):
    state = kept()
    newcomer = Builder(make_source("fonte-nova"))
    newcomer.victim(uf=places.df)
    f = updated(state)
    assert not frame.last_report.full and frame.last_report.cases_read == 1
    assert as_lists(f) == as_lists(whole())
    state = frame.export()
    newcomer.source.in_statistics = False
    newcomer.source.save()
    f = updated(state)
    assert frame.last_report.full
    assert as_lists(f) == as_lists(whole()) and f.persons.num_rows == 12
