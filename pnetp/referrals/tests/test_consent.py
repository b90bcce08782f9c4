"""Consent per purpose: every referral checks it; without it only an override with a reason and the permission."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pnetp.referrals import workflow
from pnetp.referrals.consent import consent_record, consent_withdraw
from pnetp.referrals.models import Purpose, Referral, ReferralTransition, State
from pnetp.referrals.selectors import overrides
from pnetp.referrals.services.referrals import ReferralRequest, send_referral

from .conftest import open_case


def police(world, **extra):
    return ReferralRequest(
        purpose="police", service="investigation", profile="minimal", to_unit=world.units["police"], **extra
    )


def test_referral_refused_without_consent_then_sent_with_override(world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,))
    with pytest.raises(ValidationError, match="Não há consentimento em vigor para: Compartilhar com a polícia"):
        send_referral(world.users["netp"], atendimento, police(world))
    with pytest.raises(PermissionDenied, match="não tem permissão para encaminhar sem consentimento"):
        send_referral(world.users["netp"], atendimento, police(world, override_reason="Risco a terceiros."))
    assert not Referral.objects.exists()

    referral = send_referral(world.users["override"], atendimento, police(world, override_reason="Risco a terceiros."))
    assert (referral.override_by, referral.override_reason) == (world.users["override"], "Risco a terceiros.")
    log = ReferralTransition.objects.get(referral=referral)
    assert "Risco a terceiros." in log.reason
    assert list(overrides(world.users["coord"])) == [referral]
    assert list(overrides(world.users["netp"])) == []


def test_full_profile_needs_identity_consent(world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,))
    request = ReferralRequest(purpose="network", service="legal", profile="full", to_unit=world.units["creas"])
    with pytest.raises(ValidationError, match="Compartilhar a identidade"):
        send_referral(world.users["netp"], atendimento, request)
    consent_record(world.users["netp"], atendimento, purpose=Purpose.IDENTITY, granted=True, how="written")
    assert send_referral(world.users["netp"], atendimento, request).profile == "full"


def test_withdrawn_consent_stops_the_referral(world):
    atendimento = open_case(world, consents=(Purpose.NETWORK,))
    referral = send_referral(
        world.users["netp"],
        atendimento,
        ReferralRequest(purpose="network", service="legal", profile="social", to_unit=world.units["creas"]),
    )
    consent = atendimento.consents.get(purpose=Purpose.NETWORK)
    consent_withdraw(world.users["netp"], consent)
    with pytest.raises(ValidationError, match="consentimento para este compartilhamento foi revogado"):
        workflow.receive(world.users["creas"], referral)
    assert Referral.objects.get(pk=referral.pk).state == State.SENT


def test_new_answer_replaces_the_previous_one(world):
    atendimento = open_case(world, consents=())
    user = world.users["netp"]
    first = consent_record(user, atendimento, purpose=Purpose.POLICE, granted=False, how="written")
    second = consent_record(user, atendimento, purpose=Purpose.POLICE, granted=True, how="oral", witness="Fulana")
    first.refresh_from_db()
    assert first.withdrawn_at is not None and second.withdrawn_at is None
    with pytest.raises(ValidationError, match="testemunha"):
        consent_record(user, atendimento, purpose=Purpose.POLICE, granted=True, how="oral")


def test_minor_consent_comes_from_the_guardian(world):
    atendimento = open_case(world, consents=(), is_minor=True, guardian_kind="conselho_tutelar")
    with pytest.raises(ValidationError, match="responsável ou Conselho Tutelar"):
        consent_record(world.users["netp"], atendimento, purpose=Purpose.NETWORK, granted=True, how="written")
    consent_record(
        world.users["netp"], atendimento, purpose=Purpose.NETWORK, granted=True, how="written", by_guardian=True
    )


def test_only_the_owner_unit_records_consent(world):
    atendimento = open_case(world, consents=())
    with pytest.raises(PermissionDenied):
        consent_record(world.users["creas"], atendimento, purpose=Purpose.NETWORK, granted=True, how="written")
