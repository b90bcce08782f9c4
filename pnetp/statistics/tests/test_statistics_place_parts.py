"""The place table stored in parts (``place_parts``): pages read only their parts and show exactly what the whole
table shows; the parts give the whole table back; an import into one UF leaves the others' parts shared.

All persons are fictitious; only pseudonymous fields are set.
"""

import json

import pytest
from django.urls import reverse

from pnetp.disclosure.models import VersionPart
from pnetp.disclosure.serialise import table_from_json, table_to_json
from pnetp.statistics import place_parts, published, store, vulnerability
from pnetp.statistics.release import public_release

from .test_statistics_incremental import towns  # noqa: F401 (fixture)


def test_the_parts_give_back_the_whole_table(towns):  # noqa: F811
    release = public_release()
    assert release.place.suppressed  # the towns have small counts
    tables, order = place_parts.split(release.place)
    assert {"DF/2023", "DF/2024", "DF/todos", "DF/estrutura", "RR/todos", place_parts.MARGIN} <= set(tables)
    stored = {name: table_from_json(json.loads(json.dumps(table_to_json(t)))) for name, t in tables.items()}
    joined = place_parts.join(stored, json.loads(json.dumps(order)))
    assert table_to_json(joined) == table_to_json(release.place)
    assert joined == release.place
    # a UF's part of one period holds only its municipalities of that period
    for name, table in tables.items():
        if name.endswith("/2024"):
            assert all(dict(pairs).get("ano") == "2024" and "municipio" in dict(pairs) for _u, pairs in table.values)


def pages(towns):  # noqa: F811
    builder, brasilia, norte = towns
    urls = [reverse("statistics:statistics-map") + query for query in ("", "?ano=todos", "?ano=2023", "?ano=2024")]
    for uf in ("df", "rr"):
        for query in ("", "?ano=2023", "?ano=2024", "?camada=indice"):
            urls.append(reverse("statistics:statistics-municipality-map", args=[uf]) + query)
    urls += [brasilia.get_absolute_url(), norte.get_absolute_url()]
    urls += [reverse("statistics:vulnerability"), reverse("statistics:vulnerability") + "?uf=rr"]
    return urls


def test_pages_show_what_the_whole_table_shows(towns, client, monkeypatch):  # noqa: F811
    store.publish()
    stored = published.current_release()
    assert isinstance(stored, store.StoredPublicRelease)
    from_parts = {url: client.get(url) for url in pages(towns)}
    whole = stored.whole()  # the release as it was served before: one PublicRelease, the place table whole
    monkeypatch.setattr(published, "current_release", lambda k=None: whole)
    monkeypatch.setattr(vulnerability, "current_release", lambda k=None: whole)  # the recruitment table whole
    assert isinstance(published.places(), published.PlaceRelease)
    assert not hasattr(whole, "recruitment_counts") and whole.recruitment is not None
    for url, response in from_parts.items():
        assert response.status_code == 200, url
        assert response.content.decode() == client.get(url).content.decode(), url


def read_names(monkeypatch) -> list[str]:
    names = []
    read = store.store.read

    def recording(version, wanted, parse=lambda payload: payload):
        wanted = list(wanted)
        names.extend(wanted)
        return read(version, wanted, parse)

    monkeypatch.setattr(store.store, "read", recording)
    return names


def test_each_page_reads_only_its_parts(towns, client, monkeypatch):  # noqa: F811
    _builder, brasilia, _norte = towns
    store.publish()
    names = read_names(monkeypatch)
    for url, allowed in [
        (reverse("statistics:statistics-map"), {"municipios"}),
        (reverse("statistics:statistics-map") + "?ano=2024", {"municipios"}),
        (reverse("statistics:statistics-municipality-map", args=["df"]) + "?ano=2024", {"municipios", "DF/2024"}),
        (reverse("statistics:statistics-municipality-map", args=["df"]), {"municipios", "DF/todos"}),
        (brasilia.get_absolute_url(), {"municipios_brasil"}),
        (reverse("statistics:vulnerability"), {"municipios_brasil"}),
    ]:
        names.clear()
        assert client.get(url).status_code == 200, url
        read = {name.removeprefix("municipios_uf/") for name in names}
        assert read & {"municipios", "municipios_brasil"} or any("/" in name for name in read), url
        assert not {name for name in read if name.startswith(("municipios", "DF/", "RR/"))} - allowed, (url, read)
        assert "aliciamento" not in read and "municipios_ordem" not in read, url


def test_an_import_into_one_uf_shares_the_other_ufs_parts(towns):  # noqa: F811
    builder, _brasilia, norte = towns
    store.publish()
    builder.exploited(1, norte, 2024)  # the DF, 2024
    store.publish()
    first, second = store.store.latest(store.NAME).__class__.objects.order_by("pk")

    def parts(version):
        return dict(VersionPart.objects.filter(version=version).values_list("name", "part_id"))

    before, after = parts(first), parts(second)
    rr = [name for name in before if name.startswith("municipios_uf/RR/")]
    assert rr and all(after[name] == before[name] for name in rr)
    assert after["municipios_uf/DF/2024"] != before["municipios_uf/DF/2024"]  # the DF is protected again
    assert published.current_release().whole().to_json() == public_release().to_json()


@pytest.mark.parametrize("limit", [1, 3, 50])
def test_stored_rankings_are_the_whole_tables(towns, limit):  # noqa: F811
    store.publish()
    places = published.places()
    whole = published.PlaceRelease(places.table, places.years, places.k, places.levels)
    for year in (None, *places.years):
        assert places.ranking(year, limit) == whole.ranking(year, limit)
        assert places.municipality_counts(year) == whole.municipality_counts(year)
    assert places.published_by_period() == whole.published_by_period()
