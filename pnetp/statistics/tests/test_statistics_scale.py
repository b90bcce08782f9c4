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


def test_scalable_release_passes_the_former_whole_release_audit(generated):
    release = public_release()
    assert release.place.values and release.flows  # municipalities and flows were published
    assert any(v is None for v in release.place.values.values())  # with secondary suppression at work
    audit._AUDITED.clear()
    assert_safe(*release.tables())  # today's audit: no witness, no remembered verdict
