"""Every from × to × role of the referral state machine: allowed, or the exact refusal.

The allowed moves are written out here, apart from ``workflow.TRANSITIONS``, so a change to the table
that nobody meant shows up as a failure.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from pnetp.referrals import workflow
from pnetp.referrals.models import Referral, ReferralTransition, State

from .conftest import open_case

S = State
ALLOWED = {
    (S.SENT, S.RECEIVED): "receiver",
    (S.RECEIVED, S.ACCEPTED): "receiver",
    (S.RECEIVED, S.REFUSED): "receiver",
    (S.ACCEPTED, S.IN_SERVICE): "receiver",
    (S.IN_SERVICE, S.DONE): "receiver",
    (S.SENT, S.REVOKED): "sender",
    (S.RECEIVED, S.REVOKED): "sender",
    (S.ACCEPTED, S.REVOKED): "sender",
    (S.SENT, S.EXPIRED): "system",
    (S.RECEIVED, S.EXPIRED): "system",
}
ROLE_MESSAGES = {
    "sender": "Só a unidade que enviou o encaminhamento pode fazer isso.",
    "receiver": "Só a unidade de destino pode fazer isso.",
    "system": "Só o sistema marca um encaminhamento como expirado, quando o prazo termina.",
}
NO_ACCESS = "Você não tem acesso a este atendimento."
# role → who they are for the referral (NETP → CREAS): the two ends, the system, and outsiders.
ACTORS = {"netp": "sender", "creas": "receiver", None: "system", "other_sp": "outsider", "coord": "outsider",
          "rj": "other_uf"}  # fmt: skip
DATA = {"refusal_reason": "no_capacity", "completion_note": "Atendida no PAEFI.", "reason": "Pedido por engano."}
ANSWERED = {S.ACCEPTED, S.REFUSED, S.IN_SERVICE, S.DONE}


def make_referral(world, state, *, past_deadline=True):
    atendimento = open_case(world)
    now = timezone.now()
    sent_at = now - timedelta(days=10) if past_deadline else now
    return Referral.objects.create(
        atendimento=atendimento,
        from_unit=world.units["netp"],
        to_unit=world.units["creas"],
        purpose="network",
        service="psychosocial",
        profile="social",
        state=state,
        sent_by=world.users["netp"],
        sent_at=sent_at,
        deadline=sent_at + timedelta(days=7),
        responded_at=now if state in ANSWERED else None,
        refusal_reason="no_capacity" if state == S.REFUSED else "",
        completion_note="feito" if state == S.DONE else "",
    )


def expected(actor, source, target):
    """(exception class or None, message)."""
    if actor == "other_uf":
        return Http404, "Atendimento não encontrado."
    if actor == "outsider":
        return PermissionDenied, NO_ACCESS
    who = ALLOWED.get((source, target))
    if who is None:
        return ValidationError, f"Um encaminhamento “{source.label}” não pode passar a “{target.label}”."
    if who != actor:
        return PermissionDenied, ROLE_MESSAGES[who]
    return None, ""


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("target", list(State))
@pytest.mark.parametrize("source", list(State))
def test_every_transition(world, source, target, role):
    referral = make_referral(world, source)
    user = world.users[role] if role else None
    error, message = expected(ACTORS[role], source, target)
    if error is None:
        result = workflow.transition(user, referral, target, **DATA)
        assert Referral.objects.get(pk=referral.pk).state == target == result.state
        log = ReferralTransition.objects.get(referral=referral)
        assert (log.from_state, log.to_state, log.by) == (source, target, user)
        return
    with pytest.raises(error) as caught:
        workflow.transition(user, referral, target, **DATA)
    text = " ".join(caught.value.messages) if error is ValidationError else str(caught.value)
    assert text == message
    assert Referral.objects.get(pk=referral.pk).state == source
    assert not ReferralTransition.objects.filter(referral=referral).exists()


def test_system_cannot_expire_before_the_deadline(world):
    referral = make_referral(world, S.SENT, past_deadline=False)
    with pytest.raises(ValidationError, match="O prazo de resposta ainda não terminou"):
        workflow.transition(None, referral, S.EXPIRED)


@pytest.mark.parametrize(
    ("source", "target", "field", "message"),
    [
        (S.RECEIVED, S.REFUSED, "refusal_reason", "Informe o motivo da recusa."),
        (S.IN_SERVICE, S.DONE, "completion_note", "Escreva a nota de conclusão do atendimento."),
        (S.SENT, S.REVOKED, "reason", "Informe o motivo da revogação."),
    ],
)
def test_required_fields(world, source, target, field, message):
    referral = make_referral(world, source)
    actor = "netp" if ALLOWED[(source, target)] == "sender" else "creas"
    with pytest.raises(ValidationError) as caught:
        workflow.transition(world.users[actor], referral, target, **{field: "  "})
    assert caught.value.message_dict == {field: [message]}
