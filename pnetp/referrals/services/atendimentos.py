"""Opening, updating and closing an atendimento; services received; hearings (5.1.4).

Each function checks its own permission (``referrals.permissions``) and logs the change (simple_history).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.network.models import Unit

from ..identity import write_atendimento_identity
from ..models import Atendimento, AtendimentoStatus, ClosureReason, Hearing, ServiceReceived
from ..permissions import is_member, log_access, require_edit_atendimento
from ..sisetp_records import new_person, sync_statistics


@dataclass
class AtendimentoData:
    identification_route: str
    victim_status: str = "presumido"
    status_decided_by: str = ""
    risk_level: str = "low"
    threat_to_life: bool = False
    needs: list = field(default_factory=list)
    care_plan: str = ""
    is_minor: bool = False
    guardian_kind: str = ""
    tutelary_council: Unit | None = None
    abroad: bool = False
    flow: object = None
    sex: str | None = None
    age: int | None = None


ATENDIMENTO_FIELDS = (
    "identification_route", "victim_status", "status_decided_by", "risk_level", "threat_to_life", "needs",
    "care_plan", "is_minor", "guardian_kind", "tutelary_council", "abroad", "flow",
)  # fmt: skip


def _validate(data: AtendimentoData) -> None:
    if data.is_minor and not data.guardian_kind:
        raise ValidationError(
            {"guardian_kind": _("Para criança ou adolescente, informe o responsável legal ou o Conselho Tutelar.")}
        )
    if data.tutelary_council is not None and data.tutelary_council.kind != "conselho_tutelar":
        raise ValidationError({"tutelary_council": _("Escolha uma unidade do tipo Conselho Tutelar.")})


def open_atendimento(user, unit: Unit, data: AtendimentoData, identity: dict | None = None) -> Atendimento:
    """Open an atendimento owned by ``unit`` (the user's own); identity, if given, goes to the encrypted store."""
    if not is_member(user, unit.pk):
        raise PermissionDenied(_("Você só abre atendimentos pela sua própria unidade."))
    _validate(data)
    with transaction.atomic():
        person = new_person(
            victim_status=data.victim_status, decided_by=data.status_decided_by, sex=data.sex, age=data.age
        )
        atendimento = Atendimento(owner_unit=unit, person=person, opened_by=user, case_worker=user)
        for name in ATENDIMENTO_FIELDS:
            setattr(atendimento, name, getattr(data, name))
        if data.status_decided_by:
            atendimento.status_decided_by_user = user
        if data.flow is not None:
            atendimento.stage = data.flow.stages.order_by("order").first()
            atendimento.stage_since = timezone.now()
        atendimento._history_user = user
        atendimento.save()
        if identity:
            write_atendimento_identity(user, atendimento, identity)
        log_access(user, atendimento, "open")
    return atendimento


def update_atendimento(user, atendimento: Atendimento, **changes) -> Atendimento:
    unknown = set(changes) - set(ATENDIMENTO_FIELDS) - {"case_worker", "stage"}
    if unknown:
        raise TypeError(f"Unknown atendimento fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = Atendimento.objects.select_for_update(of=("self",)).get(pk=atendimento.pk)
        require_edit_atendimento(user, locked)
        if locked.status == AtendimentoStatus.CLOSED:
            raise ValidationError(_("O atendimento está encerrado."))
        for name, value in changes.items():
            setattr(locked, name, value)
        if "status_decided_by" in changes:
            locked.status_decided_by_user = user
        if "stage" in changes:
            locked.stage_since = timezone.now()
        if locked.status == AtendimentoStatus.OPEN and locked.referrals.exists():
            locked.status = AtendimentoStatus.FOLLOW_UP
        _validate(AtendimentoData(**{n: getattr(locked, n) for n in ATENDIMENTO_FIELDS}))
        locked._history_user = user
        locked.save()
        if {"victim_status", "status_decided_by"} & set(changes):
            sync_statistics(locked)
        log_access(user, locked, "update")
    return locked


def close_atendimento(user, atendimento: Atendimento, *, reason: str) -> Atendimento:
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Escolha o motivo do encerramento.")})
    with transaction.atomic():
        locked = Atendimento.objects.select_for_update(of=("self",)).get(pk=atendimento.pk)
        require_edit_atendimento(user, locked)
        if locked.status == AtendimentoStatus.CLOSED:
            raise ValidationError(_("O atendimento já está encerrado."))
        locked.status = AtendimentoStatus.CLOSED
        locked.closure_reason = reason
        locked.closed_at = timezone.now()
        locked._history_user = user
        locked.save()
        log_access(user, locked, "close")
    return locked


def add_service_received(user, atendimento: Atendimento, *, service: str, started_on, ended_on=None, unit=None):
    require_edit_atendimento(user, atendimento)
    if atendimento.status == AtendimentoStatus.CLOSED:
        raise ValidationError(_("O atendimento está encerrado."))
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("O fim não pode ser anterior ao início.")})
    with transaction.atomic():
        received = ServiceReceived.objects.create(
            atendimento=atendimento, service=service, started_on=started_on, ended_on=ended_on, unit=unit
        )
        log_access(user, atendimento, "service")
    return received


def next_stage(atendimento: Atendimento):
    """The stage of the atendimento's flow after its current one (the first if none yet); None at the end."""
    if atendimento.flow_id is None:
        return None
    stages = atendimento.flow.stages.order_by("order")
    if atendimento.stage_id is None:
        return stages.first()
    return stages.filter(order__gt=atendimento.stage.order).first()


def advance_stage(user, atendimento: Atendimento) -> Atendimento:
    """Move the atendimento to the next stage of its flow (its owner unit only; ``update_atendimento`` checks)."""
    stage = next_stage(atendimento)
    if stage is None:
        raise ValidationError(_("O atendimento já está na última etapa do fluxo."))
    return update_atendimento(user, atendimento, stage=stage)


def record_hearing(user, atendimento: Atendimento, *, kind: str, scheduled_for, body: str, support_person: str = ""):
    """Record a hearing; returns (hearing, warning): the warning when the person was already heard before."""
    require_edit_atendimento(user, atendimento)
    if kind not in Hearing.Kind.values:
        raise ValidationError({"kind": _("Escolha o tipo de oitiva.")})
    earlier = atendimento.hearings.filter(scheduled_for__lt=scheduled_for).count()
    hearing = Hearing.objects.create(
        atendimento=atendimento,
        kind=kind,
        scheduled_for=scheduled_for,
        body=body.strip(),
        support_person=support_person.strip(),
        recorded_by=user,
    )
    warning = ""
    if earlier:
        warning = _(
            "Atenção: a pessoa já foi ouvida %(n)s vez(es). Evite a revitimização: peça ao órgão que use o "
            "depoimento já colhido (Lei 13.431/2017, depoimento especial)."
        ) % {"n": earlier}
    return hearing, warning
