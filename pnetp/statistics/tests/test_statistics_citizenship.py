"""Victims by citizenship: multi-valued counts of unique persons, protected with the flows, stored, served.

All persons are fictitious; only pseudonymous fields are set.
"""

import re

import pytest
from django.urls import reverse

from pnetp.disclosure.render import NOT_RELEASED
from pnetp.disclosure import make_key
from pnetp.disclosure.models import ReleaseVersion
from pnetp.disclosure.tests.attack import assert_unrecoverable, peel
from pnetp.sisetp.models import Event
from pnetp.statistics import citizenship, compute, flows, store
from pnetp.statistics.published import current_release
from pnetp.statistics.release import public_release
from pnetp.territory.models import Country

from .test_statistics import Builder, make_source

K = 11


class CitizenshipBuilder(Builder):
    def person(self, *citizenships, year=2024, key=None, exploited=None):
        record = self.victim(year=year, key=key)
        record.citizenships.set(citizenships)
        if exploited is not None:
            Event.objects.create(case=record.case, kind="exploracao", federative_unit=exploited)
        return record


@pytest.fixture
def cb(db, places):
    places.paraguay = Country.objects.get_or_create(
        alpha2="PY", defaults={"alpha3": "PRY", "numeric": "600", "name": "Paraguai"}
    )[0]
    return CitizenshipBuilder(make_source("fonte-nacionalidades"))


def table(result):
    """{row label: {column: published value}} of the citizenship table."""
    header = citizenship.columns(result)
    return {row["label"]: dict(zip(header, row["values"])) for row in citizenship.rows(result)}


def test_a_person_counts_once_per_citizenship_across_records(cb, places):
    cb.person(places.brazil, key="PES-1")
    cb.person(places.venezuela, key="PES-1")  # the same person, another record: Brazilian and Venezuelan
    cb.person(places.venezuela)
    cb.person()  # no citizenship informed
    release = public_release(1)
    rows = table(release.citizenship)
    assert rows["Brasil"]["Todos os anos"] == 1
    assert rows["Venezuela"]["Todos os anos"] == 2  # rows overlap: 1 + 2 + 1 > 3
    assert rows["Nacionalidade não informada"]["2024"] == 1
    assert rows["Vítimas com nacionalidade informada"]["Todos os anos"] == 2
    # the flows count the dual national once, as Brazilian (the same set, one value)
    assert [p.cit for p in flows.people()].count("BR") == 1


def test_shares_use_only_persons_with_a_known_citizenship(cb, places):
    for _ in range(3):
        cb.person(places.brazil)
    cb.person(places.venezuela)
    for _ in range(4):
        cb.person()
    shares = {row["label"]: row["share"] for row in citizenship.rows(public_release(1).citizenship)}
    assert shares["Brasil"] == 75.0  # 3 of the 4 with a known citizenship, not 3 of 8 (CTDC rule)
    assert shares["Venezuela"] == 25.0
    assert shares["Nacionalidade não informada"] is None  # no share for the denominator rows


@pytest.fixture
def many(cb, places, settings):
    """Two years, dual nationals and small rows, so the protection has work to do."""
    settings.PNETP_DISCLOSURE_K = K
    br, ve, py = places.brazil, places.venezuela, places.paraguay
    for year, groups in [
        (2024, [(14, [br]), (12, [ve]), (3, [py]), (2, [br, ve])]),
        (2025, [(15, [br]), (4, [ve]), (2, []), (13, [br, py])]),
    ]:
        for n, citizenships in groups:
            for _ in range(n):
                cb.person(*citizenships, year=year, exploited=places.df)
    return cb


def published_numbers(protected):
    return [v for v in protected.values.values() if v is not None]


def test_small_counts_are_never_published(many):
    release = public_release(K)
    assert release.citizenship is not None
    assert not [v for v in published_numbers(release.citizenship) if 1 <= v < K]
    rows = table(release.citizenship)
    assert rows["Paraguai"]["2024"] is None  # 3 < k


def test_suppressed_cells_cannot_be_recovered_from_totals_or_the_flows(many):
    release = public_release(K)
    result = release.citizenship
    assert result.suppressed, "the fixture must force suppressions"
    # the flows' citizenship rows of each year are sums of this table's parts: the attack sees them too
    tied = {total for total, _parts in result.equations}
    for year, tables in release.flows.items():
        assert make_key(compute.UNIVERSE, [("ano", str(year)), ("cidadania", "Brasil")]) in tied
        assert tables["nacionalidade_pais"].values.keys() & tied
    # an attacker with every public table of the release, every sum and integer programming gets nowhere
    assert_unrecoverable(*release.tables(), k=K)


def test_the_attack_works_on_naive_output(many):
    """Primary suppression alone (what a naive exporter does) gives cells away: the attack is not vacuous."""
    from pnetp.disclosure.primary import primary_suppressions
    from pnetp.disclosure.protect import _public
    from pnetp.disclosure.tables import merge

    release = public_release(K)
    everyone = flows.people()
    names = dict(Country.objects.values_list("alpha2", "name"))
    naive = citizenship.table(
        [(str(p.year), p.cits) for p in everyone],
        citizenship.dimension([p.cits for p in everyone], names),
        ["2024", "2025"],
    )
    structure = naive.structure()
    exposed = _public(merge([structure]), naive, structure, primary_suppressions(structure, K), K, None)
    assert [v for v in peel(*release.stats.values(), exposed).values() if 1 <= v < K]


def test_nothing_when_the_total_is_suppressed(cb, places, settings):
    settings.PNETP_DISCLOSURE_K = K
    for _ in range(4):
        cb.person(places.brazil)
    assert public_release(K).citizenship is None


def test_page_has_no_small_counts_and_is_linked(client, many):
    html = client.get(reverse("statistics:statistics-citizenship")).content.decode()
    assert "Vítimas por nacionalidade" in html and "as linhas não somam o total" in html
    counts = [int(n) for n in re.findall(r"<td data-count>(\d+)</td>", html)]
    assert counts and not [n for n in counts if 1 <= n < K]
    assert "<td data-count>X</td>" in html
    statistics = client.get(reverse("statistics:statistics")).content.decode()
    assert reverse("statistics:statistics-citizenship") in statistics


def test_page_serves_the_table_stored_with_the_release(client, many, monkeypatch):
    store.publish()
    assert ReleaseVersion.objects.get().skeleton["nacionalidades"] == {"$parte": "nacionalidades"}

    def recount():
        raise AssertionError("the page counted the citizenships again")

    monkeypatch.setattr(flows, "people", recount)
    monkeypatch.setattr(store, "public_release", recount)
    html = client.get(reverse("statistics:statistics-citizenship")).content.decode()
    stored = current_release().citizenship  # from storage: counting again would raise
    expected = [v for row in citizenship.rows(stored) for v in row["values"] if isinstance(v, int)]
    assert [int(n) for n in re.findall(r"<td data-count>(\d+)</td>", html)] == expected
    # 14 + 2 dual in 2024, 15 + 13 dual in 2025, unless the secondary suppression hides it — or hides a year
    # of it, and then it is not released ("–", linked: it would tie the years' blocks together)
    assert table(stored)["Brasil"]["Todos os anos"] in (44, None, NOT_RELEASED)
    assert any(isinstance(v, int) and v >= K for v in expected)


def test_downloads_carry_the_protected_table_only(client, many):
    """CSV and JSON of the page's table: the same published numbers, suppressed cells empty, no small count."""
    import csv
    import io
    import json

    store.publish()
    stored = current_release().citizenship
    response = client.get(reverse("statistics:statistics-download", args=["nacionalidades", "csv"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-3:] == ["valor", "suprimido", "faixa"]
    values = [int(row[-3]) for row in rows[1:] if row[-3]]
    # every number the table shows (its other values are sums tying it to the flows, published there)
    assert sorted(values) == sorted(
        stored.values[key] for _labels, key in stored.layout.records if stored.values[key] is not None
    )
    assert values and not [v for v in values if 1 <= v < K]
    assert any(row[-2] == "true" and row[-3] == "" for row in rows[1:])  # hidden cells stay hidden
    assert {row[-1] for row in rows[1:]} <= {"", f"1 a {K - 1}"}  # a range, or nothing
    data = json.loads(client.get(reverse("statistics:statistics-download", args=["nacionalidades", "json"])).content)
    assert data["k"] == K and len(data["registros"]) == len(rows) - 1
    assert not [r["valor"] for r in data["registros"] if r["valor"] is not None and 1 <= r["valor"] < K]
    forms = client.get(reverse("statistics:statistics-download", args=["formas-de-exploracao", "csv"]))
    assert forms.status_code == 200
    assert client.get(reverse("statistics:statistics-download", args=["nacionalidades", "xml"])).status_code == 404
    html = client.get(reverse("statistics:statistics-citizenship")).content.decode()
    assert reverse("statistics:statistics-download", args=["nacionalidades", "csv"]) in html
    forms_page = client.get(reverse("statistics:statistics-forms")).content.decode()
    assert reverse("statistics:statistics-download", args=["formas-de-exploracao", "json"]) in forms_page


def test_the_public_api_serves_the_same_protected_numbers(client, many):
    store.publish()
    listing = client.get("/api/v1/statistics/", HTTP_ACCEPT="application/json").json()
    assert listing["k"] == K and "nacionalidades" in listing["tabelas"]
    assert {"vitimas-identificadas"} <= {i["codigo"] for i in listing["indicadores"]}
    api = client.get("/api/v1/statistics/nacionalidades/", HTTP_ACCEPT="application/json").json()
    download = client.get(reverse("statistics:statistics-download", args=["nacionalidades", "json"])).json()
    assert api == download
    assert not [r["valor"] for r in api["registros"] if r["valor"] is not None and 1 <= r["valor"] < K]
    indicator = client.get("/api/v1/statistics/vitimas-identificadas/", HTTP_ACCEPT="application/json").json()
    assert indicator["indicador"]["codigo"] == "vitimas-identificadas" and indicator["registros"]


def test_the_data_package_describes_every_published_table_and_validates(client, many, tmp_path):
    """Frictionless reads each CSV as downloaded against its schema; suppressed cells are empty, not small."""
    import json

    import frictionless

    store.publish()
    package = client.get(reverse("statistics:statistics-datapackage")).json()
    names = [resource["name"] for resource in package["resources"]]
    assert "vitimas-identificadas" in names and "nacionalidades" in names
    assert f"de 1 a {K - 1}" in package["description"]
    for resource in package["resources"]:
        body = client.get(reverse("statistics:statistics-download", args=[resource["name"], "csv"])).content
        (tmp_path / resource["path"]).write_bytes(body)
    (tmp_path / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    report = frictionless.Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])[:5]
    statistics = client.get(reverse("statistics:statistics")).content.decode()
    assert reverse("statistics:statistics-datapackage") in statistics and "/api/docs/" in statistics
