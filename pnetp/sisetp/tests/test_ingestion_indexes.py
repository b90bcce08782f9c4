"""The tables a large import fills carry no index that a unique index already covers (migration 0008):
each one cost every inserted row and served no query the unique index does not."""

import pytest
from django.db import connection

from pnetp.sisetp.models import Case, CasePerson, Event


def indexes(table: str) -> dict[str, tuple[list, bool]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {name: (info["columns"], info["unique"]) for name, info in found.items() if info["index"] or info["unique"]}


def plain_on(table: str, column: str) -> list[str]:
    return [name for name, (columns, unique) in indexes(table).items() if columns == [column] and not unique]


@pytest.mark.django_db
def test_link_tables_are_indexed_by_their_unique_pair_only():
    for field in CasePerson._meta.many_to_many:
        through = field.remote_field.through
        own = through._meta.get_field(field.m2m_field_name()).column
        other = through._meta.get_field(field.m2m_reverse_field_name()).column
        table = through._meta.db_table
        assert [own, other] in [columns for columns, unique in indexes(table).values() if unique], table
        assert plain_on(table, own) == [], table
        assert plain_on(table, other), table  # look-ups by term or country keep theirs


@pytest.mark.django_db
def test_cases_and_persons_are_found_through_their_unique_indexes():
    assert plain_on(Case._meta.db_table, "source_id") == []
    assert ["source_id", "source_record_id"] in [c for c, unique in indexes(Case._meta.db_table).values() if unique]
    assert plain_on(CasePerson._meta.db_table, "case_id") == []
    assert ["case_id", "source_person_id"] in [c for c, unique in indexes(CasePerson._meta.db_table).values() if unique]


@pytest.mark.django_db
def test_no_pattern_index_beside_the_plain_ones_of_countries_and_person_keys():
    """Migration 0015: nothing queries these columns with LIKE, so PostgreSQL's "_like" twins are gone;
    the plain indexes stay (SQLite never had the twins)."""
    citizenships = CasePerson._meta.get_field("citizenships").remote_field.through._meta.db_table
    for table, column in (
        (citizenships, "country_id"),
        ("sisetp_caseperson", "person_key"),
    ):
        on_column = plain_on(table, column)
        assert on_column, (table, column)
        assert not [name for name in on_column if name.endswith("_like")], (table, column)


@pytest.mark.django_db
def test_events_are_indexed_by_case_not_by_place():
    """Migration 0017: the place indexes cost 60 % of an event's insert and served no query; the case's stays,
    and so do the foreign keys to the place tables."""
    table = Event._meta.db_table
    assert plain_on(table, "case_id")
    for column in ("municipality_id", "federative_unit_id", "country_id"):
        assert plain_on(table, column) == [], column
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    referenced = {tuple(info["columns"]) for info in found.values() if info["foreign_key"]}
    assert {("municipality_id",), ("federative_unit_id",), ("country_id",)} <= referenced
