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

from pnetp.sisetp.models import CasePerson, Event
from pnetp.sisetp.standard.vocabularies import get_vocabulary
from .domain import UNIVERSE

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


def victim_records():
    """Victim records of sources counted in statistics, any trafficking status but "não é tráfico"."""
    return CasePerson.objects.filter(role="vitima", case__source__in_statistics=True).exclude(
        case__trafficking_status="nao_trafico"
    )


def extract() -> tuple[pa.Table, pa.Table]:
    rows = list(
        victim_records().values_list(
            "person_key", "pseudonym", "sex", "age_band", "case_id", "case__identification_date", "case__reporting_date"
        )
    )
    cols = list(zip(*rows)) or [()] * 7
    persons = pa.table(
        {
            "person_key": pa.array(cols[0], pa.string()),
            "pseudonym": pa.array([str(p) for p in cols[1]], pa.string()),
            "sex": pa.array(cols[2], pa.string()),
            "age_band": pa.array(cols[3], pa.string()),
            "case_id": pa.array(cols[4], pa.int64()),
            "identified": pa.array(cols[5], pa.date32()),
            "reported": pa.array(cols[6], pa.date32()),
        }
    )
    events = list(
        Event.objects.filter(
            kind="exploracao", federative_unit__isnull=False, case__in=victim_records().values("case_id")
        ).values_list("case_id", "sequence", "federative_unit__abbreviation")
    )
    ecols = list(zip(*events)) or [()] * 3
    exploitation = pa.table(
        {
            "case_id": pa.array(ecols[0], pa.int64()),
            "seq": pa.array(ecols[1], pa.int64()),
            "uf": pa.array(ecols[2], pa.string()),
        }
    )
    return persons, exploitation


def count_persons(dims: list[str], persons: pa.Table | None = None, exploitation: pa.Table | None = None) -> dict:
    """{(value of each dim, ...): unique persons}; dims among catalogue.DISAGGREGATIONS. None = unknown."""
    if persons is None:
        persons, exploitation = extract()
    con = duckdb.connect()
    try:
        con.register("persons", persons)
        con.register("exploitation", exploitation)
        con.execute(f"CREATE TEMP TABLE person AS {PERSON_SQL}")
        select = ", ".join(dims) if dims else "NULL"
        group = "GROUP BY ALL" if dims else ""
        # fetchall, never fetchone: DuckDB 2.0.1 fails on the next query after a fetchone
        rows = con.execute(f"SELECT {select}, COUNT(DISTINCT pkey) FROM person {group}").fetchall()
    finally:
        con.close()
    return {tuple(row[:-1]) if dims else (): row[-1] for row in rows}


def _vocabulary_rows(slug: str, unknown: str) -> list[tuple[str | None, str]]:
    return [(code, str(label)) for code, label in get_vocabulary(slug).choices()] + [(None, unknown)]


def count_tables() -> dict[str, CountTable]:
    """The three tables of the page, one universe, so their shared numbers (the total) link up."""
    persons, exploitation = extract()
    by_year_uf = count_persons(["uf", "ano"], persons, exploitation)
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
    for name, slug, unknown, title in [
        ("sexo", "sex", _("Não informado"), _("Vítimas por sexo")),
        ("faixa_etaria", "age_band", _("Não informada"), _("Vítimas por faixa etária")),
    ]:
        counts = count_persons([name], persons, exploitation)
        rows = _vocabulary_rows(slug, unknown)
        tables[name] = CountTable(
            rows=[label for _c, label in rows],
            cells=[counts.get((c,), 0) for c, _l in rows],
            row_var=name,
            universe=UNIVERSE,
            name=title,
        )
    return tables
