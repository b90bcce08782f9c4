"""Counts of unique victims with DuckDB over a pseudonymised frame, and their protected release.

The frame holds no name or identity: a person key, sex, age band, dates and the exploitation UF. The person
key is ``CasePerson.person_key`` (linkage) or, for records not yet linked, ``"PSE-" + pseudonym`` — such a
record counts as its own person, so before ``dedupe --aplicar`` the counts are of records, an upper bound.

A person with several records gets one value per dimension (from the earliest record that knows it), so each
table adds up to the number of unique victims and the disclosure control can rely on its sums.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
from django.utils.translation import gettext as _

from pnetp.disclosure import CountTable

from pnetp.sisetp.standard.vocabularies import get_vocabulary
from . import frame
from .frame import victim_records  # re-exported: the records every public table counts
from .domain import UNIVERSE

__all__ = ["victim_records"]

PERSON_SQL = """
WITH place AS (
    SELECT case_id, arg_min(uf, seq) AS uf FROM exploitation GROUP BY case_id
), rec AS (
    SELECT coalesce(p.person_key, 'PSE-' || p.pseudonym) AS pkey, p.sex, p.age_band, pl.uf,
           coalesce(p.identified, p.reported) AS day, p.pseudonym
    FROM persons p LEFT JOIN place pl USING (case_id)
)
SELECT pkey,
       year(min(day)) AS ano,
       arg_min(uf, (day, pseudonym)) AS uf,  -- arg_min skips NULLs: the earliest record that knows it
       arg_min(sex, (day, pseudonym)) AS sexo,
       arg_min(age_band, (day, pseudonym)) AS faixa_etaria
FROM rec GROUP BY pkey
"""


def extract() -> tuple[pa.Table, pa.Table]:
    """The victim records and their exploitation events with a UF, from the release's frame (``frame``)."""
    records = frame.records()
    return records.persons, records.exploitation()


def count_persons(dims: list[str], persons: pa.Table | None = None, exploitation: pa.Table | None = None) -> dict:
    """{(value of each dim, ...): unique persons}; dims among catalogue.DISAGGREGATIONS. None = unknown."""
    if persons is None:
        persons, exploitation = extract()
    return _counts([dims], persons, exploitation)[0]


def _counts(dim_sets: list[list[str]], persons: pa.Table, exploitation: pa.Table) -> list[dict]:
    """``count_persons`` for several sets of dims, choosing each person's values once."""
    con = duckdb.connect()
    try:
        con.register("persons", persons)
        con.register("exploitation", exploitation)
        con.execute(f"CREATE TEMP TABLE person AS {PERSON_SQL}")
        result = []
        for dims in dim_sets:
            select = ", ".join(dims) if dims else "NULL"
            group = "GROUP BY ALL" if dims else ""
            # fetchall, never fetchone: DuckDB 2.0.1 fails on the next query after a fetchone
            rows = con.execute(f"SELECT {select}, COUNT(DISTINCT pkey) FROM person {group}").fetchall()
            result.append({tuple(row[:-1]) if dims else (): row[-1] for row in rows})
    finally:
        con.close()
    return result


def _vocabulary_rows(slug: str, unknown: str) -> list[tuple[str | None, str]]:
    return [(code, str(label)) for code, label in get_vocabulary(slug).choices()] + [(None, unknown)]


def count_tables() -> dict[str, CountTable]:
    """The three tables of the page, one universe, so their shared numbers (the total) link up."""
    persons, exploitation = extract()
    by_year_uf, by_sex, by_age = _counts([["uf", "ano"], ["sexo"], ["faixa_etaria"]], persons, exploitation)
    ufs = sorted({uf for uf, _ano in by_year_uf if uf}) + ([None] if any(uf is None for uf, _a in by_year_uf) else [])
    years = sorted({ano for _uf, ano in by_year_uf})
    unknown_uf = _("Não informada")
    tables = {
        "ano_uf": CountTable(
            rows=[uf or unknown_uf for uf in ufs],
            cols=[str(y) for y in years],
            cells=[[by_year_uf.get((uf, y), 0) for y in years] for uf in ufs],
            row_var="uf",
            col_var="ano",
            universe=UNIVERSE,
            name=_("Vítimas por UF do local de exploração e ano"),
        )
    }
    for name, slug, unknown, title, counts in [
        ("sexo", "sex", _("Não informado"), _("Vítimas por sexo"), by_sex),
        ("faixa_etaria", "age_band", _("Não informada"), _("Vítimas por faixa etária"), by_age),
    ]:
        rows = _vocabulary_rows(slug, unknown)
        tables[name] = CountTable(
            rows=[label for _c, label in rows],
            cells=[counts.get((c,), 0) for c, _l in rows],
            row_var=name,
            universe=UNIVERSE,
            name=title,
        )
    return tables
