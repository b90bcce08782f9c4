"""The person's identity in an atendimento, through the SISETP identity store and its log.

The referral flow's own need-to-know rule decides (the owner unit; a destination whose referral's profile is
"full" and whose person consented to share identity); failing that, the SISETP grants decide (the coordination
with an ``IdentityAccessGrant``). Either way ``sisetp.services.identity`` logs the attempt and decrypts.
"""

from django.utils.translation import gettext as _

from pnetp.sisetp.permissions import Decision, identity_access
from pnetp.sisetp.services.identity import IdentityRecord, read_identity, store_identity

from .models import Atendimento, Section
from .permissions import atendimento_view, is_member

PURPOSE_READ = "Atendimento e encaminhamentos: atendimento nº %(id)s"


def identity_decision(user, atendimento: Atendimento) -> Decision:
    view = atendimento_view(user, atendimento)
    if view is not None and view.shows(Section.IDENTITY):
        if view.owner:
            return Decision(True, _("Unidade responsável pelo atendimento nº %(id)s.") % {"id": atendimento.pk})
        return Decision(
            True,
            _("Encaminhamento nº %(ref)s com perfil completo e consentimento para identidade.")
            % {"ref": view.referral.pk},
        )
    return identity_access(user, atendimento.person)


def can_read_identity(user, atendimento: Atendimento) -> bool:
    return identity_decision(user, atendimento).granted


def read_atendimento_identity(user, atendimento: Atendimento) -> IdentityRecord | None:
    """Logged; PermissionDenied when neither rule allows it."""
    purpose = PURPOSE_READ % {"id": atendimento.pk}
    return read_identity(user, atendimento.person, purpose, decision=identity_decision(user, atendimento))


def write_atendimento_identity(user, atendimento: Atendimento, values: dict) -> None:
    """The owner unit records or corrects the identity (logged; CPF checked by the store)."""
    if is_member(user, atendimento.owner_unit_id):
        decision = Decision(True, _("Unidade responsável pelo atendimento nº %(id)s.") % {"id": atendimento.pk})
    else:
        decision = Decision(False, _("Só a unidade responsável grava a identidade."))
    purpose = PURPOSE_READ % {"id": atendimento.pk}
    store_identity(atendimento.person, values, user=user, purpose=purpose, decision=decision)
