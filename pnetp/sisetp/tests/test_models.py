"""The standard's models: keys, unknown as NULL, computed age band, events, vocabularies, agreements."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pnetp.sisetp.models import (
    Case,
    CasePerson,
    DataSharingAgreement,
    DataSource,
    Event,
    LegalBasis,
    StandardVersion,
    age_band_for,
)
from pnetp.sisetp.services.vocabulary import person_codes, set_person_terms, terms


def test_standard_version_1_0_exists_and_cases_refer_to_it(world):
    assert StandardVersion.objects.filter(version="1.0").exists()
    assert world.case.standard_version.version == "1.0"


def test_a_record_id_is_unique_per_source(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.create(source=world.disque100, source_record_id="D100-0001", reporting_date=date(2024, 3, 2))
    Case.objects.create(source=world.inspection, source_record_id="D100-0001", reporting_date=date(2024, 3, 2))


def test_unknown_stays_null(world):
    person = CasePerson.objects.create(case=world.case, source_person_id="2", role="suspeito", sex="")
    person.refresh_from_db()
    assert person.sex is None and person.race_colour is None and person.age_at_identification is None
    assert person.age_band is None
    assert world.case.trafficking_status is None
    assert CasePerson.objects.filter(sex__isnull=True, pk=person.pk).exists()


@pytest.mark.parametrize(
    "age, band",
    [
        (0, "0_8"),
        (8, "0_8"),
        (9, "9_17"),
        (17, "9_17"),
        (18, "18_20"),
        (29, "27_29"),
        (38, "30_38"),
        (47, "39_47"),
        (48, "48_mais"),
        (None, None),
    ],
)
def test_age_band_follows_ctdc(age, band):
    assert age_band_for(age) == band


def test_age_band_is_computed_on_save(world):
    assert world.victim.age_band == "21_23"
    world.victim.age_at_identification = 16
    world.victim.save(update_fields=["age_at_identification"])
    world.victim.refresh_from_db()
    assert world.victim.age_band == "9_17"


def test_coded_fields_reject_codes_outside_their_vocabulary(world):
    person = CasePerson(case=world.case, source_person_id="3", role="vitima", race_colour="morena")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "race_colour" in error.value.message_dict


def test_person_terms_by_code(world):
    set_person_terms(world.victim, "exploitation_forms", ["exploracao_sexual", "servidao"])
    set_person_terms(world.victim, "recruitment_platforms", ["whatsapp"])
    assert person_codes(world.victim, "exploitation_forms") == ["exploracao_sexual", "servidao"]
    with pytest.raises(ValidationError, match="nope"):
        set_person_terms(world.victim, "exploitation_forms", ["nope"])


def test_a_field_cannot_link_a_term_of_another_vocabulary(world):
    (whatsapp,) = terms("online_platform", ["whatsapp"])
    with pytest.raises(ValidationError, match="exploitation_form"):
        world.victim.exploitation_forms.add(whatsapp)


def test_person_history_records_term_changes(world):
    before = world.victim.history.count()
    set_person_terms(world.victim, "means_of_control", ["retencao_documentos"])
    assert world.victim.history.count() == before + 1
    latest = world.victim.history.latest()
    assert [row.vocabularyterm.code for row in latest.means_of_control.all()] == ["retencao_documentos"]


def test_event_place_implies_uf_and_country(world, places):
    event = Event.objects.create(
        case=world.case, kind="exploracao", municipality=places.brasilia, date=date(2023, 5, 1), date_precision="mes"
    )
    assert event.federative_unit == places.df and event.country == places.brazil
    abroad = Event.objects.create(case=world.case, kind="transito", country=places.venezuela)
    assert abroad.federative_unit is None and abroad.date is None and abroad.date_precision is None


def test_event_dates_need_a_precision_that_fits(world, places):
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(case=world.case, kind="aliciamento", date=date(2023, 5, 1))
    with pytest.raises(ValidationError):
        Event(case=world.case, kind="aliciamento", date=date(2023, 5, 17), date_precision="mes").full_clean()
    with pytest.raises(ValidationError):
        Event(case=world.case, kind="aliciamento", municipality=places.brasilia, federative_unit=places.rr).full_clean()


def test_data_source_columns_must_be_in_the_layout(world):
    world.inspection.fields_provided = ["fonte", "id_registro", "coluna_inventada"]
    with pytest.raises(ValidationError, match="coluna_inventada"):
        world.inspection.full_clean()


def test_state_source_needs_its_uf(world):
    source = DataSource(institution=world.mte, slug="estadual", name="Fonte estadual", coverage="estadual")
    with pytest.raises(ValidationError, match="UF"):
        source.full_clean()


def test_sharing_sensitive_columns_needs_an_article_11_basis(world):
    agreement = DataSharingAgreement(
        title="Acordo",
        purpose="Estatística",
        legal_basis=LegalBasis.ART7_III,
        fields_shared=["fonte", "id_registro", "id_pessoa", "raca_cor"],
        valid_from=date(2024, 1, 1),
        document_reference="SEI 1",
    )
    with pytest.raises(ValidationError, match="art. 11"):
        agreement.full_clean()
    agreement.fields_shared = ["fonte", "id_registro", "id_pessoa", "sexo"]
    agreement.full_clean()


def test_agreement_period_is_checked_by_the_database(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        DataSharingAgreement.objects.create(
            title="x",
            purpose="x",
            legal_basis=LegalBasis.ART11_IIB,
            valid_from=date(2024, 2, 1),
            valid_until=date(2024, 1, 1),
            document_reference="x",
        )
