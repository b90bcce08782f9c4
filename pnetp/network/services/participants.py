"""Writes of a training offering's participants: the aggregate counts, the named list and certificates.

Every function checks ``can_manage_participants`` itself and keeps history. The offering's total
(``Training.participants``) is the sum of its counts once counts are entered.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.territory.models import FederativeUnit

from ..models import NO_UF, Audience, Participant, ParticipantCount, Sex, Training
from ..participant_permissions import require_manage_participants

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed again
CODE_GROUPS, CODE_GROUP_SIZE = 3, 4


@dataclass(frozen=True)
class CountRow:
    audience: str
    sex: str
    uf: str
    count: int


def _check_rows(rows: list[CountRow]) -> None:
    ufs = set(FederativeUnit.objects.values_list("abbreviation", flat=True)) | {NO_UF}
    seen, errors = set(), []
    for number, row in enumerate(rows, start=1):
        key = (row.audience, row.sex, row.uf)
        if row.audience not in Audience.values:
            errors.append(_("Linha %(n)d: público inválido.") % {"n": number})
        if row.sex not in Sex.values:
            errors.append(_("Linha %(n)d: sexo inválido.") % {"n": number})
        if row.uf not in ufs:
            errors.append(_("Linha %(n)d: UF inválida (use a sigla ou “--”).") % {"n": number})
        if row.count < 0:
            errors.append(_("Linha %(n)d: o número de participantes não pode ser negativo.") % {"n": number})
        if key in seen:
            errors.append(_("Linha %(n)d: público, sexo e UF repetidos.") % {"n": number})
        seen.add(key)
    if errors:
        raise ValidationError(errors)


def participant_counts_set(user, training: Training, *, rows: list[CountRow]) -> Training:
    """Replace the offering's counts by ``rows`` (zero rows are dropped) and set its total."""
    require_manage_participants(user, training)
    _check_rows(rows)
    with transaction.atomic():
        training = Training.objects.select_for_update().get(pk=training.pk)
        current = {(c.audience, c.sex, c.uf): c for c in training.participant_counts.all()}
        wanted = {(r.audience, r.sex, r.uf): r.count for r in rows if r.count}
        for key, item in current.items():
            if key not in wanted:
                item._history_user = user
                item.delete()
        for (audience, sex, uf), count in wanted.items():
            item = current.get((audience, sex, uf)) or ParticipantCount(
                training=training, audience=audience, sex=sex, uf=uf
            )
            if item.pk is None or item.count != count:
                item.count = count
                item._history_user = user
                item.save()
        training.participants = sum(wanted.values())
        training._history_user = user
        training.save(update_fields=["participants"])
    return training


def participant_add(user, training: Training, *, name: str, email: str = "", institution_name: str = "",
                    completed: bool = False) -> Participant:  # fmt: skip
    require_manage_participants(user, training)
    participant = Participant(training=training, name=name.strip(), email=email.strip(),
                              institution_name=institution_name.strip(), completed=completed)  # fmt: skip
    participant.full_clean()
    participant._history_user = user
    participant.save()
    return participant


def participant_set_completed(user, participant: Participant, *, completed: bool) -> Participant:
    require_manage_participants(user, participant.training)
    with transaction.atomic():
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if not completed and locked.certificate_code:
            raise ValidationError(_("O certificado de %(name)s já foi emitido.") % {"name": locked.name})
        locked.completed = completed
        locked._history_user = user
        locked.save(update_fields=["completed"])
    return locked


def participant_remove(user, participant: Participant) -> None:
    require_manage_participants(user, participant.training)
    if participant.certificate_code:
        raise ValidationError(_("Um participante com certificado emitido não pode ser removido."))
    participant._history_user = user
    participant.delete()


def new_certificate_code() -> str:
    groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_SIZE)) for _ in range(CODE_GROUPS)]
    return "-".join(groups)


def normalise_code(text: str) -> str:
    """What a person typed ("abcd efgh-jkmn") as a stored code ("ABCD-EFGH-JKMN")."""
    plain = "".join(ch for ch in text.upper() if ch in CODE_ALPHABET)
    return "-".join(plain[i : i + CODE_GROUP_SIZE] for i in range(0, len(plain), CODE_GROUP_SIZE))


def certificates_issue(user, training: Training) -> int:
    """A verification code for every participant who completed and has none yet; how many were issued."""
    require_manage_participants(user, training)
    if training.end_date and training.end_date > timezone.localdate():
        raise ValidationError(_("Os certificados são emitidos depois do fim da capacitação."))
    issued = 0
    with transaction.atomic():
        pending = Participant.objects.select_for_update().filter(training=training, completed=True,
                                                                 certificate_code__isnull=True)  # fmt: skip
        for participant in pending:
            code = new_certificate_code()
            while Participant.objects.filter(certificate_code=code).exists():
                code = new_certificate_code()
            participant.certificate_code = code
            participant.certificate_issued_on = timezone.localdate()
            participant._history_user = user
            participant.save(update_fields=["certificate_code", "certificate_issued_on"])
            issued += 1
    return issued
