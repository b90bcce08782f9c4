"""The database itself refuses incoherent rows (CheckConstraints), whatever code writes them."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pnetp.referrals.models import Consent, Referral, State

from .conftest import open_case


def _referral(world, atendimento, **fields):
    now = timezone.now()
    values = {
        "atendimento": atendimento,
        "from_unit": world.units["netp"],
        "to_unit": world.units["creas"],
        "purpose": "network",
        "service": "legal",
        "profile": "minimal",
        "sent_by": world.users["netp"],
        "sent_at": now,
        "deadline": now + timedelta(days=5),
        **fields,
    }
    return Referral.objects.create(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"state": State.REFUSED, "responded_at": "now", "refusal_reason": ""},  # reason required when refused
        {"state": State.ACCEPTED, "responded_at": None},  # answered → responded_at set
        {"state": State.SENT, "responded_at": "now"},  # unanswered → responded_at empty
        {"state": State.EXPIRED, "responded_at": "now"},
        {"state": State.DONE, "responded_at": "now", "completion_note": ""},
        {"to_unit": None, "external_body": ""},  # a destination is required
        {"external_body": "Defensoria"},  # …and only one
        {"override_reason": "urgente"},  # a reason without who overrode
        {"deadline_before": True},
    ],
)
def test_referral_constraints(world, fields):
    atendimento = open_case(world)
    fields = dict(fields)
    if fields.get("responded_at") == "now":
        fields["responded_at"] = timezone.now()
    if fields.pop("deadline_before", False):
        fields["deadline"] = timezone.now() - timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _referral(world, atendimento, **fields)


def test_coherent_referrals_are_accepted(world):
    atendimento = open_case(world)
    now = timezone.now()
    _referral(world, atendimento, state=State.REFUSED, responded_at=now, refusal_reason="no_capacity")
    _referral(world, atendimento, state=State.REVOKED)
    _referral(world, atendimento, state=State.REVOKED, responded_at=now)
    _referral(world, atendimento, to_unit=None, external_body="Poupatempo")
    assert Referral.objects.count() == 4


def test_consent_withdrawn_not_before_given(world):
    atendimento = open_case(world, consents=())
    now = timezone.now()
    base = {"atendimento": atendimento, "purpose": "network", "granted": True, "how": "written",
            "recorded_by": world.users["netp"], "given_at": now}  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(**base, withdrawn_at=now - timedelta(seconds=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.create(**{**base, "how": "oral"})  # oral without a witness
    Consent.objects.create(**base, withdrawn_at=now)


def test_closed_atendimento_needs_reason(world):
    atendimento = open_case(world)
    atendimento.status = "encerrado"
    atendimento.closed_at = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        atendimento.save()
