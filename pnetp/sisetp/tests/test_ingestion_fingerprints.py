"""A case's import fingerprint: new cases get the current form; cases stored with the older form (a digest
of the canonical values' ``repr``) are still recognised, so re-importing an unchanged file changes nothing."""

import hashlib

import pytest

from pnetp.sisetp.ingestion import writer
from pnetp.sisetp.ingestion.batches import run_import
from pnetp.sisetp.ingestion.validation import FINGERPRINT_MARK, Record
from pnetp.sisetp.models import Case

from .test_ingestion_fixtures import CASE_HEADER, case_rows, feed, write_csv  # noqa: F401


def _older_form(record: Record) -> str:
    return hashlib.blake2b(repr(record.canonical()).encode(), digest_size=16).hexdigest()


def test_equal_values_give_equal_fingerprints_whatever_holds_them():
    person = ("vitima", "feminino", None, 17, "9_17", None, None, None, ("BR",), ())
    one = Record(1, ["2024-01-02", None], {"exploracao": ["2023-01-01", "dia", 3550308, 35, "BR"]}, {"1": person})
    # The same values in other objects (built at run time, not the constants' shared ones).
    other = Record(
        7,
        [str(2024) + "-01-02", None],
        {"".join(["explo", "racao"]): [f"{2023}-01-01", "dia", int("3550308"), 35, "B" + "R"]},
        {str(1): tuple(list(person))},
    )
    assert one.fingerprint() == other.fingerprint()
    assert one.fingerprint().startswith(FINGERPRINT_MARK) and len(one.fingerprint()) == 31
    changed = Record(1, ["2024-01-03", None], one.events, one.persons)
    assert changed.fingerprint() != one.fingerprint()
    # Asked in the older form, the older digest.
    assert one.fingerprint(like="0" * 32) == _older_form(one)
    assert one.fingerprint(like=one.fingerprint()) == one.fingerprint()


@pytest.mark.django_db
def test_cases_stored_with_the_older_form_are_found_unchanged(feed, tmp_path):
    rows = case_rows(4)
    first = run_import(feed.source, "standard", write_csv(tmp_path / "c1.csv", CASE_HEADER, rows))
    assert first.ok, first.report.lines()
    cases = list(Case.objects.filter(source=feed.source))
    assert all(case.import_fingerprint.startswith(FINGERPRINT_MARK) for case in cases)
    # As an import before the current form left them.
    records = writer.load_records([case.pk for case in cases])
    for case in cases:
        Case.objects.filter(pk=case.pk).update(import_fingerprint=_older_form(records[case.pk]))
    older = dict(Case.objects.values_list("pk", "import_fingerprint"))

    again = run_import(feed.source, "standard", write_csv(tmp_path / "c2.csv", CASE_HEADER, rows))
    assert again.ok, again.report.lines()
    assert again.counts["cases_unchanged"] == len(cases) and again.counts.get("cases_updated", 0) == 0
    assert dict(Case.objects.values_list("pk", "import_fingerprint")) == older

    # A changed case is still seen as changed, and keeps the form it was stored with.
    rows[0][CASE_HEADER.index("raca_cor")] = "preta" if rows[0][CASE_HEADER.index("raca_cor")] != "preta" else "parda"
    changed = run_import(feed.source, "standard", write_csv(tmp_path / "c3.csv", CASE_HEADER, rows))
    assert changed.ok, changed.report.lines()
    assert changed.counts["cases_updated"] == 1 and changed.counts["cases_unchanged"] == len(cases) - 1
    updated = [pk for pk, value in Case.objects.values_list("pk", "import_fingerprint") if value != older[pk]]
    assert len(updated) == 1
    assert not Case.objects.get(pk=updated[0]).import_fingerprint.startswith(FINGERPRINT_MARK)
