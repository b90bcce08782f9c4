"""The stored release: pages read it, a change of the data is noticed and recomputed, storage is faithful.

All persons are fictitious; only pseudonymous fields are set.
"""

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from pnetp.disclosure import make_key
from pnetp.disclosure.models import ReleaseVersion
from pnetp.linkage.cli.dedupe_cmd import apply_person_keys
from pnetp.sisetp.models import Case, ImportBatch
from pnetp.statistics import compute, published, release, store
from pnetp.statistics.release import PublicRelease

from .test_statistics import Builder, make_source

K = 11
TOTAL = make_key(compute.UNIVERSE)


@pytest.fixture
def data(db, places, settings):
    settings.PNETP_DISCLOSURE_K = K
    builder = Builder(make_source())
    for n, uf, year in [(20, places.df, 2024), (14, places.df, 2025), (3, places.rr, 2025), (12, places.rr, 2024)]:
        for _ in range(n):
            builder.victim(uf=uf, year=year)
    return builder


def grand_total(result: PublicRelease) -> int:
    return result.stats["ano_uf"].values[TOTAL]


def test_release_round_trips_through_json(data):
    computed = release.public_release()
    assert computed.flows and computed.place.suppressed and computed.municipal_detail
    stored = PublicRelease.from_json(json.loads(json.dumps(computed.to_json())))
    assert stored == computed


def test_first_view_computes_and_stores_once_then_pages_only_read(data, client, monkeypatch):
    assert not ReleaseVersion.objects.exists()
    assert grand_total(published.current_release()) == 49
    assert ReleaseVersion.objects.count() == 1

    def recompute(*args, **kwargs):
        raise AssertionError("a page recomputed the release")

    monkeypatch.setattr(store, "public_release", recompute)
    for name, args in [
        ("statistics:statistics", []),
        ("statistics:statistics-map", []),
        ("statistics:statistics-flows", []),
        ("statistics:statistics-download", ["vitimas-identificadas", "json"]),
        ("statistics:statistics-flows-report", [2024, "xlsx"]),
    ]:
        response = client.get(reverse(name, args=args) + ("?ano=2024" if name.endswith("flows") else ""))
        assert response.status_code == 200, name
    html = client.get(reverse("statistics:statistics")).content.decode()
    assert re.search(r"Dados atualizados em \d\d/\d\d/\d{4} \d\d:\d\d", html)
    assert ReleaseVersion.objects.count() == 1


def test_a_page_with_no_stored_release_queues_one_job_and_never_computes(data, client, monkeypatch):
    def compute_now(*args, **kwargs):
        raise AssertionError("a page request computed the statistics")

    monkeypatch.setattr(store, "public_release", compute_now)
    monkeypatch.setattr(store, "publish", compute_now)
    monkeypatch.setattr(store, "can_run_in_background", lambda: True)  # as in production: a worker runs the job
    enqueued = []
    monkeypatch.setattr(store.jobs, "enqueue", lambda task, *args, **kwargs: enqueued.append(task))
    for name in ["statistics:statistics", "statistics:statistics-map", "statistics:statistics"]:
        response = client.get(reverse(name))
        assert response.status_code == 503, name
        assert response["Retry-After"] == "60"
        assert "no-cache" in response["Cache-Control"]
        html = response.content.decode()
        assert "As estatísticas estão sendo preparadas." in html and 'class="br-message info"' in html
    assert enqueued == [store.recompute]  # one job, however many pages asked
    assert not ReleaseVersion.objects.exists()


def test_changed_data_is_served_stale_and_recomputed_by_a_job(data, monkeypatch):
    store.publish()
    data.victim(uf=None, year=2024)
    started = []
    monkeypatch.setattr(store, "can_run_in_background", lambda: True)
    monkeypatch.setattr(store, "start_job", lambda: started.append(1))
    served = published.current_release()
    assert served.stale and grand_total(served) == 49 and started == [1]
    store.recompute.call()  # what the worker does (and it frees the lock for the next change)
    assert not store.store.is_locked(store.NAME)
    fresh = published.current_release()
    assert not fresh.stale and grand_total(fresh) == 50 and started == [1]


def test_one_recompute_at_a_time(data, monkeypatch):
    store.publish()
    data.victim(uf=None, year=2024)
    started = []
    monkeypatch.setattr(store, "can_run_in_background", lambda: True)
    monkeypatch.setattr(store, "start_job", lambda: started.append(1))
    assert store.store.acquire(store.NAME)  # another process is recomputing
    assert published.current_release().stale and started == []


def test_inside_a_transaction_a_change_is_recomputed_at_once(data):
    store.publish()
    data.victim(uf=None, year=2024)
    result = published.current_release()  # tests run inside a transaction: a worker would not see the data
    assert not result.stale and grand_total(result) == 50


def test_fingerprint_sees_imports_edits_linkage_and_rollbacks(data):
    marks = [store.fingerprint(K)]

    def changed():
        marks.append(store.fingerprint(K))
        return marks[-1] != marks[-2]

    assert not changed()
    person = data.victim(uf=None, year=2024)
    assert changed()
    case = Case.objects.get(pk=person.case_id)
    case.trafficking_status = "nao_trafico"
    case.save()
    assert changed()
    slug = data.source.slug
    apply_person_keys({f"{slug}|E00001|1": "PES-1", f"{slug}|E00002|1": "PES-1"})
    assert changed()
    apply_person_keys({f"{slug}|E00002|1": "PES-2"})  # a later linkage run splits them again
    assert changed()
    ImportBatch.objects.create(source=data.source, layout="standard", file_name="a.csv", file_sha256="0" * 64)
    assert changed()
    case.delete()
    assert changed()
    assert store.fingerprint(1) != store.fingerprint(K)


def test_other_threshold_is_computed_not_stored(data):
    store.publish()
    assert grand_total(published.current_release(k=1)) == 49
    assert list(ReleaseVersion.objects.values_list("k", flat=True)) == [K]


def test_year_without_published_total_has_no_flow_tables(data, client):
    result = published.current_release()
    assert 2024 in result.flows and 2019 not in result.flows
    html = client.get(reverse("statistics:statistics-flows") + "?ano=2019").content.decode()
    assert "Não há números publicados de 2019" in html


def test_publish_command_prints_timings(data):
    from io import StringIO

    out = StringIO()
    call_command("sisetp", "publish-statistics", stdout=out)
    text = out.getvalue()
    assert "proteger municípios (por UF)" in text and "Estatísticas publicadas" in text
    assert ReleaseVersion.objects.count() == 1


def test_each_page_reads_only_its_tables_from_storage(data, client):
    store.publish()
    version = store.store.latest(store.NAME)
    sizes = store.store.sizes(version)
    stats_parts = [name for name in sizes if name.startswith("estatisticas/")]
    assert stats_parts and "municipios" in sizes
    for name, wanted in [
        ("statistics:statistics", stats_parts),
        ("statistics:statistics-map", ["municipios"]),
        ("statistics:statistics-flows", [n for n in sizes if n.startswith("fluxos/2024/")]),
    ]:
        store.store._parsed.clear()  # a process that has read nothing yet
        before = dict(store.store.reads)
        response = client.get(reverse(name) + ("?ano=2024" if name.endswith("flows") else ""))
        assert response.status_code == 200, name
        assert 1 <= store.store.reads["parts"] - before["parts"] <= len(wanted), name
        assert store.store.reads["bytes"] - before["bytes"] <= sum(sizes[n] for n in wanted) < sum(sizes.values())
