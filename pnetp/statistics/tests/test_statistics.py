"""Public statistics: unique persons, CTDC denominators, and no small count in any public output.

All persons are fictitious; only pseudonymous fields are set (no identity is stored).
"""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.urls import reverse

from pnetp.disclosure import assert_safe, intervals
from pnetp.institutions.models import Institution
from pnetp.linkage.cli.dedupe_cmd import apply_person_keys
from pnetp.sisetp.models import Case, CasePerson, DataSource, Event, StandardVersion
from pnetp.sisetp.standard import STANDARD_VERSION
from pnetp.statistics import compute, published
from pnetp.statistics.catalogue import INDICATORS

K = 11


def make_source(slug="fonte-estat"):
    StandardVersion.objects.get_or_create(version=STANDARD_VERSION, defaults={"title": "Parâmetros mínimos"})
    institution = Institution.objects.create(acronym=slug.upper()[:10], name=f"Instituição {slug}", kind="federal")
    return DataSource.objects.create(institution=institution, slug=slug, name=slug, coverage="nacional")


class Builder:
    """Adds one victim record (a case with one person) at a time."""

    def __init__(self, source):
        self.source, self.n = source, 0

    def victim(self, *, uf=None, year=2024, sex="feminino", age=25, key=None, status="confirmado", role="vitima"):
        self.n += 1
        case = Case.objects.create(
            source=self.source,
            source_record_id=f"E{self.n:05d}",
            reporting_date=date(year, 6, 1),
            trafficking_status=status,
        )
        if uf is not None:
            Event.objects.create(case=case, kind="exploracao", federative_unit=uf)
        return CasePerson.objects.create(
            case=case, source_person_id="1", role=role, sex=sex, age_at_identification=age, person_key=key
        )


@pytest.fixture
def builder(db):
    return Builder(make_source())


@pytest.fixture
def small_counts(builder, places, settings):
    """Totals above k with many cells from 1 to k−1, so the protection has work to do."""
    settings.PNETP_DISCLOSURE_K = K
    for _ in range(14):
        builder.victim(uf=places.df, year=2024, sex="feminino", age=25)
    for _ in range(3):
        builder.victim(uf=places.df, year=2025, sex="masculino", age=15)
    for _ in range(12):
        builder.victim(uf=places.rr, year=2025, sex="feminino", age=30)
    for _ in range(2):
        builder.victim(uf=places.rr, year=2024, sex=None, age=None)
    builder.victim(uf=None, year=2024, sex="intersexo", age=8)
    return builder


def total(**kw):
    return compute.count_persons([], **kw)[()]


def test_counts_unique_persons_not_records(builder, places):
    builder.victim(uf=places.df, key="PES-aaaa", year=2024)
    builder.victim(uf=places.rr, key="PES-aaaa", year=2025)  # same person, another source record
    builder.victim(uf=places.df)  # not linked yet: its pseudonym stands for the person
    builder.victim(status="nao_trafico")  # not a victim of trafficking
    builder.victim(status=None)  # undecided: counted
    builder.victim(role="suspeito")
    assert total() == 3
    # the linked person takes the earliest record's year and UF: the tables still add up to 3
    by_year_uf = compute.count_persons(["ano", "uf"])
    assert by_year_uf == {(2024, "DF"): 2, (2024, None): 1}


def test_ctdc_denominators_use_known_values_only(builder):
    for sex, age in [
        ("feminino", 10),
        ("feminino", 30),
        ("feminino", 40),
        ("masculino", 16),
        (None, None),
        (None, None),
    ]:
        builder.victim(sex=sex, age=age)
    result = published.statistics(k=1)
    assert result.values["vitimas-identificadas"] == 6
    assert result.values["vitimas-sexo-feminino"] == 75.0  # 3 of 4 with known sex, not 3 of 6
    assert result.values["vitimas-criancas-adolescentes"] == 50.0  # 2 of 4 with known age


def test_percentage_withheld_when_a_part_is_suppressed(small_counts):
    result = published.statistics()
    assert result.values["vitimas-identificadas"] == 32
    # intersexo (1) and não informado (2) are suppressed, so neither the known-sex denominator nor % is published
    assert result.values["vitimas-sexo-feminino"] is None


def test_suppressed_cells_cannot_be_derived(small_counts):
    result = published.statistics()
    tables = list(result.tables.values())
    assert_safe(*tables)
    hidden = intervals(*tables)
    assert hidden, "the fixture must force suppressions"
    ranged = set().union(*(table.ranges for table in tables))
    for key, (low, high) in hidden.items():
        if key in ranged:  # shown as "1 a 10": the whole range, never narrower
            assert (low, high) == (1, K - 1)
        else:
            assert high >= K and high > low


def integers_in(values):
    return [int(v) for v in values if re.fullmatch(r"\d+", str(v).strip())]


def assert_no_small(numbers):
    small = [n for n in numbers if 1 <= n < K]
    assert not small, f"contagens de 1 a {K - 1} publicadas: {small}"


def test_public_outputs_have_no_small_counts(small_counts, client):
    page = client.get(reverse("statistics:statistics"))
    assert page.status_code == 200
    html = page.content.decode()
    cells = re.findall(r"<td>([^<]*)</td>", html)
    assert "X" in cells and "32" in cells
    assert_no_small(integers_in(cells))
    for indicator in INDICATORS:
        url = reverse("statistics:statistics-download", args=[indicator.code, "csv"])
        rows = list(csv.DictReader(io.StringIO(client.get(url).content.decode())))
        assert rows and all((r["valor"] == "") == (r["suprimido"] == "true") for r in rows)
        assert_no_small(integers_in(r["valor"] for r in rows))
        data = json.loads(client.get(reverse("statistics:statistics-download", args=[indicator.code, "json"])).content)
        assert data["k"] == K and data["legenda"]
        values = [r["valor"] for r in data["registros"]]
        assert_no_small(v for v in values if isinstance(v, int))
        assert_no_small([data["indicador"]["valor"]] if isinstance(data["indicador"]["valor"], int) else [])


def test_unknown_download_is_404(db, client):
    assert client.get("/sisetp/estatisticas/nao-existe.csv").status_code == 404
    assert (
        client.get(reverse("statistics:statistics-download", args=["vitimas-identificadas", "xml"])).status_code == 404
    )


def test_empty_database_renders(db, client):
    assert client.get(reverse("statistics:statistics")).status_code == 200


def test_dedupe_apply_writes_person_keys(builder):
    a, b = builder.victim(), builder.victim()
    slug = builder.source.slug
    changed = apply_person_keys({f"{slug}|E00001|1": "PES-1", f"{slug}|E00002|1": "PES-1", "outra|X|1": "PES-2"})
    assert changed == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.person_key == b.person_key == "PES-1"
    assert total() == 1
