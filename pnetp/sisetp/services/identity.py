"""The only way to an identity: ``read_identity`` checks permission, logs, then decrypts.

Writes go through ``store_identity`` so they are logged too and the CPF is validated; the history of
``PersonIdentity`` (simple_history) keeps who changed it and when, with encrypted values only.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pnetp.accounts.cpf import is_valid_cpf, normalize_cpf

from .. import crypto
from ..fields import Sealed
from ..permissions import Decision, identity_access


@dataclass(frozen=True)
class IdentityRecord:
    """Plain identity values, for display to an authorised user; never store or log it."""

    full_name: str | None
    social_name: str | None
    cpf: str | None
    birth_date: date | None
    mother_name: str | None
    phone: str | None
    email: str | None
    address: str | None
    birth_date_reported: str | None = None  # an impossible date, as the source wrote it
    cpf_invalid: bool = False
    birth_date_invalid: bool = False


def _log(user, person, action: str, purpose: str, decision: Decision) -> None:
    from ..models import IdentityAccessLog

    authenticated = getattr(user, "is_authenticated", False)
    IdentityAccessLog.objects.create(
        user=user if authenticated else None,
        username=user.get_username() if authenticated else "",
        action=action,
        person=person,
        person_pseudonym=person.pseudonym,
        purpose=purpose,
        granted=decision.granted,
        reason=decision.reason[:300],
        grant=decision.grant,
    )


def _decide(user, person, purpose: str, decision: Decision | None = None) -> Decision:
    if not (purpose or "").strip():
        return Decision(False, _("Finalidade não informada."))
    return decision if decision is not None else identity_access(user, person)


def read_identity(user, person, purpose: str, *, decision: Decision | None = None) -> IdentityRecord | None:
    """The identity of ``person`` for ``user``, who states ``purpose``; None if none was recorded.

    Every call is logged, granted or refused; a refusal raises PermissionDenied. ``decision``: the answer of
    another module's need-to-know rule (the referral flow's), used instead of the grants and logged the same.
    """
    from ..models import IDENTITY_FIELDS, PersonIdentity

    decision = _decide(user, person, purpose, decision)
    _log(user, person, "read", purpose, decision)
    if not decision.granted:
        raise PermissionDenied(decision.reason)
    identity = PersonIdentity.objects.filter(person=person).first()
    if identity is None:
        return None
    values = {}
    for name in IDENTITY_FIELDS:
        value = getattr(identity, name)
        values[name] = value.reveal() if isinstance(value, Sealed) else value
    return IdentityRecord(**values, cpf_invalid=identity.cpf_invalid, birth_date_invalid=identity.birth_date_invalid)


def clean_identity_values(values: dict) -> dict:
    """Blank → None, CPF to 11 checked digits; ValidationError on an invalid CPF or unknown field."""
    from ..models import IDENTITY_FIELDS

    unknown = set(values) - set(IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"campos de identidade desconhecidos: {', '.join(sorted(unknown))}")
    cleaned = {}
    for name, value in values.items():
        if isinstance(value, str):
            value = " ".join(value.split()) or None
        cleaned[name] = value
    if cleaned.get("cpf"):
        if not is_valid_cpf(cleaned["cpf"]):
            raise ValidationError({"cpf": _("CPF inválido.")})
        cleaned["cpf"] = normalize_cpf(cleaned["cpf"])
    return cleaned


def store_identity(
    person,
    values: dict,
    *,
    user=None,
    purpose: str = "",
    check_permission: bool = True,
    decision: Decision | None = None,
):
    """Create or update the identity of ``person`` with ``values`` (only the keys given change).

    People write through here (``check_permission``: same rule as reading, or ``decision`` as in
    ``read_identity``). Importers running under a data-sharing agreement pass ``check_permission=False``;
    the write is logged all the same.
    """
    from ..models import PersonIdentity

    if check_permission:
        decision = _decide(user, person, purpose, decision)
    else:
        decision = Decision(True, _("Gravação por processo de importação."))
    _log(user, person, "write", purpose, decision)
    if not decision.granted:
        raise PermissionDenied(decision.reason)
    cleaned = clean_identity_values(values)
    with transaction.atomic():
        identity = PersonIdentity.objects.filter(person=person).first() or PersonIdentity(person=person)
        for name, value in cleaned.items():
            setattr(identity, name, value)
        if user is not None and getattr(user, "is_authenticated", False):
            identity._history_user = user
        identity.save()
    return identity


def rotate_identity_keys() -> int:
    """Re-encrypt every identity value, current and historical, with the newest key.

    Run after putting a new key first in PNETP_FIELD_ENCRYPTION_KEY; then the old key can be dropped.
    Updates bypass save() so no history entry is made: the values did not change. Returns cells rotated.
    """
    from ..models import IDENTITY_FIELDS, PersonIdentity

    rotated = 0
    with transaction.atomic():
        for model in (PersonIdentity, PersonIdentity.history.model):
            for row in model.objects.values("pk", *IDENTITY_FIELDS).iterator():
                updates = {
                    name: Sealed(crypto.rotate(value.token), value.kind)
                    for name, value in row.items()
                    if isinstance(value, Sealed)
                }
                if updates:
                    model.objects.filter(pk=row["pk"]).update(**updates)
                    rotated += len(updates)
    return rotated
