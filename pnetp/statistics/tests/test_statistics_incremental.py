"""Incremental releases: after an import, only the blocks whose inputs changed are protected and audited again,
even by another process (the worker), and the release published equals one computed from nothing.

All persons are fictitious; only pseudonymous fields are set.
"""

from decimal import Decimal

import pytest

from pnetp.disclosure import assert_safe, audit, blocks
from pnetp.disclosure.models import ReleasePart, VersionPart
from pnetp.sisetp.models import Event
from pnetp.statistics import frame, published, store
from pnetp.statistics.release import public_release
from pnetp.territory.models import Municipality

from .test_statistics import Builder, make_source

K = 5


class PlaceBuilder(Builder):
    def exploited(self, n, municipality, year, recruited=None):
        for _ in range(n):
            record = self.victim(year=year)
            Event.objects.create(
                case=record.case, kind="exploracao", municipality=municipality, federative_unit=municipality.uf
            )
            if recruited is not None:
                Event.objects.create(case=record.case, kind="aliciamento", municipality=recruited)


@pytest.fixture
def towns(db, places, settings):
    settings.PNETP_DISCLOSURE_K = K
    extra = {}
    for code, name, uf in [
        (5300109, "Brasília Norte", places.df),
        (1400100, "Boa Vista", places.rr),
        (1400209, "Caracaraí", places.rr),
    ]:
        extra[code] = Municipality.objects.get_or_create(
            ibge_code=code, defaults={"name": name, "uf": uf, "latitude": Decimal("2"), "longitude": Decimal("-61")}
        )[0]
    builder = PlaceBuilder(make_source())
    brasilia, norte = places.brasilia, extra[5300109]
    boa_vista, pacaraima, caracarai = extra[1400100], places.pacaraima, extra[1400209]
    for year in (2023, 2024):
        builder.exploited(9, brasilia, year, recruited=boa_vista)
        builder.exploited(2, norte, year)
        builder.exploited(12, boa_vista, year, recruited=pacaraima)
        builder.exploited(8, pacaraima, year)
        builder.exploited(3, caracarai, year, recruited=caracarai)
    return builder, brasilia, norte


def other_process():
    """What a new process (the worker) remembers: nothing."""
    blocks._PROTECTED.clear()
    audit._AUDITED.clear()


def test_after_an_import_into_one_uf_only_its_blocks_are_protected_again(towns, monkeypatch):
    builder, brasilia, norte = towns
    store.publish()
    first = store.last_usage
    other_process()
    builder.exploited(4, norte, 2024)  # a small import into the DF, 2024
    builder.exploited(1, brasilia, 2024)
    solved, years = [], []
    protect = blocks._protect_block

    def counting(structure, margin, k, network=False):
        solved.append({label for _u, pairs in structure.keys for var, label in pairs if var == "uf"})
        years.append({label for _u, pairs in structure.keys for var, label in pairs if var == "ano"})
        return protect(structure, margin, k, network)

    monkeypatch.setattr(blocks, "_protect_block", counting)
    incremental = store.publish()[0]
    usage = store.last_usage
    assert not frame.last_report.full and frame.last_report.cases_read == 5  # the records of the import only
    # every block of the first release was used again; the unchanged ones were not solved again
    assert len(usage.blocks) == len(first.blocks) and len(solved) == len(usage.blocks_computed)
    assert 0 < len(solved) < len(usage.blocks)
    assert not [ufs for ufs in solved if ufs == {"RR"}]  # Roraima's municipalities: reused from storage
    assert any(ufs == {"DF"} for ufs in solved)  # the DF's municipalities: protected again
    assert {"2024"} in years and {"2023"} not in years  # the flows of 2024 protected again, not those of 2023
    assert 0 < len(usage.components_computed) < len(usage.components)  # the audit, likewise

    other_process()  # the same data, from nothing: the same release
    monkeypatch.setattr(blocks, "_protect_block", protect)
    scratch = public_release()
    assert frame.last_report.full  # from nothing: every record read
    assert scratch.to_json() == incremental.with_status(None, False).to_json()
    assert published.current_release().whole().to_json() == scratch.to_json()
    audit._AUDITED.clear()  # today's whole-release audit, no verdict remembered, on the incremental release
    assert_safe(*incremental.tables())


def test_unchanged_tables_are_shared_between_versions(towns):
    builder, _brasilia, norte = towns
    store.publish()
    builder.exploited(1, norte, 2024)
    store.publish()
    first, second = store.store.latest(store.NAME).__class__.objects.order_by("pk")
    shared = set(VersionPart.objects.filter(version=first).values_list("part_id", flat=True)) & set(
        VersionPart.objects.filter(version=second).values_list("part_id", flat=True)
    )
    assert shared  # at least some tables did not change and are stored once
    assert ReleasePart.objects.count() < VersionPart.objects.count()


def test_unchanged_data_recomputes_nothing(towns):
    store.publish()
    other_process()
    store.publish()
    usage = store.last_usage
    assert usage.blocks and not usage.blocks_computed
    assert usage.components and not usage.components_computed
