"""Data may come in only under a data-sharing agreement in force."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from pnetp.sisetp.models import DataSharingAgreement, LegalBasis
from pnetp.sisetp.services.agreements import NoActiveAgreement, active_agreement, require_agreement


def test_agreement_in_force_on_the_date(world):
    assert active_agreement(world.disque100, date(2024, 1, 1)) == world.agreement
    assert active_agreement(world.disque100, date(2025, 12, 31)) == world.agreement
    assert active_agreement(world.disque100, date(2023, 12, 31)) is None
    assert active_agreement(world.disque100, date(2026, 1, 1)) is None
    assert active_agreement(world.inspection, date(2024, 6, 1)) is None


def test_the_most_recent_agreement_wins_and_open_ended_ones_count(world):
    renewal = DataSharingAgreement.objects.create(
        title="Renovação",
        purpose="Monitorar",
        legal_basis=LegalBasis.ART11_IIB,
        fields_shared=["fonte"],
        valid_from=date(2025, 7, 1),
        document_reference="SEI 2",
    )
    renewal.sources.set([world.disque100])
    assert active_agreement(world.disque100, date(2025, 8, 1)) == renewal
    assert active_agreement(world.disque100, date(2040, 1, 1)) == renewal
    assert active_agreement(world.disque100, date(2025, 6, 30)) == world.agreement


def test_require_agreement_explains_in_portuguese(world):
    assert require_agreement(world.disque100, date(2024, 6, 1)) == world.agreement
    with pytest.raises(NoActiveAgreement) as error:
        require_agreement(world.inspection, date(2024, 6, 5))
    assert error.value.messages == [
        "A fonte Fiscalização do trabalho não tem acordo de compartilhamento vigente em 05/06/2024"
    ]
    assert isinstance(error.value, ValidationError)


def test_require_agreement_checks_the_columns(world):
    world.agreement.fields_shared = ["fonte", "id_registro", "id_pessoa", "sexo"]
    world.agreement.save()
    require_agreement(world.disque100, date(2024, 6, 1), columns=["fonte", "sexo"])
    with pytest.raises(NoActiveAgreement, match="cpf"):
        require_agreement(world.disque100, date(2024, 6, 1), columns=["fonte", "cpf"])


def test_agreement_changes_are_in_its_history(world):
    world.agreement.valid_until = date(2026, 12, 31)
    world.agreement.save()
    assert world.agreement.history.count() >= 2
    assert world.agreement.history.latest().valid_until == date(2026, 12, 31)
