"""No double counting: the atendimento is one SISETP record, counted (and linked) only with the statistics consent."""

from pnetp.referrals.consent import consent_record, consent_withdraw
from pnetp.referrals.models import Purpose
from pnetp.referrals.sisetp_records import RESERVED_SLUG, SOURCE_SLUG
from pnetp.linkage import database
from pnetp.sisetp.models import Case, CasePerson, PersonIdentity
from pnetp.statistics.compute import victim_records

from .conftest import open_case


def test_statistics_consent_moves_the_one_record_between_sources(world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,))
    person = atendimento.person
    assert person.case.source.slug == RESERVED_SLUG and not person.case.source.in_statistics
    assert PersonIdentity.objects.filter(person=person).exists()  # identity in the encrypted store
    assert not victim_records().filter(pk=person.pk).exists()
    assert database.load_columns().pk == {}  # left out of linkage too

    consent = consent_record(world.users["netp"], atendimento, purpose=Purpose.STATISTICS, granted=True, how="written")
    person.refresh_from_db()
    assert person.case.source.slug == SOURCE_SLUG
    assert victim_records().filter(pk=person.pk).count() == 1
    assert Case.objects.filter(source__slug__in=[SOURCE_SLUG, RESERVED_SLUG]).count() == 1  # moved, not copied
    assert CasePerson.objects.filter(case__source__slug=SOURCE_SLUG).count() == 1

    consent_withdraw(world.users["netp"], consent)
    person.refresh_from_db()
    assert person.case.source.slug == RESERVED_SLUG
    assert not victim_records().filter(pk=person.pk).exists()


def test_linkage_reads_only_consented_records(world):
    without = open_case(world, consents=(Purpose.NETWORK,))
    with_consent = open_case(world, consents=(Purpose.NETWORK, Purpose.STATISTICS))
    records = database.load_columns()
    assert set(records.pk.values()) == {with_consent.person_id}
    assert without.person_id not in records.pk.values()
    assert records.columns["fonte"] == [SOURCE_SLUG]
