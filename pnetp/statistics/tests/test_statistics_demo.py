"""``pnetp demo`` loads fictitious SISETP records the way real data comes in, and publishes the statistics."""

from datetime import date
from io import StringIO

import pytest

from pnetp.disclosure.models import ReleaseVersion
from pnetp.linkage import demo as linkage_demo
from pnetp.sisetp import demo
from pnetp.statistics import demo as statistics_demo
from pnetp.sisetp.models import CasePerson, DataSource, ImportBatch
from pnetp.sisetp.services.agreements import require_agreement
from pnetp.statistics import store

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(DataSource.objects.values_list("slug", "institution__acronym")),
        ImportBatch.objects.count(),
        sorted(CasePerson.objects.values_list("pseudonym", "person_key")),
        list(ReleaseVersion.objects.values_list("pk", "fingerprint")),
    )


def test_demo_imports_links_and_publishes_idempotently(territory):
    out = StringIO()
    demo.load(out)
    linkage_demo.load(out)  # the next loader of ``pnetp demo``: unique persons
    statistics_demo.load(out)  # the next loader of ``pnetp demo``
    sources = DataSource.objects.filter(slug__in=demo.INSTITUTIONS)
    assert sources.count() == demo.SOURCES
    for source in sources:
        require_agreement(source, date.today())  # imported under an agreement in force
    assert CasePerson.objects.count() == demo.TEST_RECORDS
    linked = CasePerson.objects.exclude(person_key=None)
    assert linked.exists() and linked.values("person_key").distinct().count() < demo.TEST_RECORDS
    stored = ReleaseVersion.objects.get()
    assert stored.fingerprint == store.fingerprint(stored.k)  # the first page view is served from storage
    first = snapshot()
    demo.load(StringIO())
    linkage_demo.load(StringIO())
    statistics_demo.load(StringIO())
    assert snapshot() == first
    assert "estatísticas publicadas" in out.getvalue()
