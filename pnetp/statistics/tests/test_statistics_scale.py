"""The release protected the scalable way passes today's whole-release audit, from nothing, on generated records.

The protection carries the tables it meets into the audit, and the audit remembers each component's verdict;
here the release is audited again the former way — no witness, no remembered verdict — over every public table
together, on a few thousand generated fictitious records imported through the real importer.
"""

import pytest

from pnetp.disclosure import assert_safe, audit
from pnetp.statistics.release import public_release

from pnetp.sisetp.tests.linkage_fixtures import generate_and_register, import_source

RECORDS = 2000


@pytest.fixture
def generated(tmp_path, territory):
    data = generate_and_register(tmp_path, RECORDS, 1, seed=2024)
    import_source(data, 0)
    return data


def year_of(key) -> str:
    """The year block an unknown number belongs to: its "ano", or its part's group ("2024 | ..."); "" for the
    all-years block (the other years' parts)."""
    pairs = dict(key[1])
    if "ano" in pairs:
        return pairs["ano"]
    part = next((label for var, label in pairs.items() if " | " in label), "")
    group = part.split(" | ")[0]
    return group if group.isdigit() else ""


def test_scalable_release_passes_the_former_whole_release_audit(generated):
    release = public_release()
    assert release.place.values and release.flows  # municipalities and flows were published
    assert any(v is None for v in release.place.values.values())  # with secondary suppression at work
    assert release.citizenship is not None and release.recruitment_ufs is not None
    # the flows (a), (c) and the citizenship table are protected year by year: no published sum ties unknowns
    # of two years together ((b) and the recruitment UF table are one block over the years, see ``linked``)
    for table in (release.citizenship, *(t for y in release.flows.values() for n, t in y.items() if n != "uf_uf")):
        for total, parts in table.equations:
            unknown = {year_of(key) for key in (total, *parts) if table.values.get(key, 0) is None}
            assert len(unknown) <= 1, (total, unknown)
    audit._AUDITED.clear()
    assert_safe(*release.tables())  # today's audit: no witness, no remembered verdict
