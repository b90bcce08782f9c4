"""Pages of the care an atendimento receives: services received (with dates) and its stage in the flow."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.network.models import Unit, UnitService

from ...models import UNANSWERED
from ...permissions import access_atendimento, can_edit_atendimento
from ...services.atendimentos import add_service_received, advance_stage, next_stage
from ..forms import ServiceReceivedForm
from .common import add_errors

SERVICE_LABELS = dict(UnitService.choices)


def _editable(user, pk, action):
    atendimento, _view = access_atendimento(user, pk, action=action)  # 404 for another UF
    if not can_edit_atendimento(user, atendimento):
        raise PermissionDenied(_("Só a unidade responsável pelo atendimento registra o acompanhamento."))
    return atendimento


@login_required
def service_create(request, pk):
    atendimento = _editable(request.user, pk, "service_page")
    referred = atendimento.referrals.filter(to_unit__isnull=False).values_list("to_unit", flat=True)
    units = Unit.objects.filter(pk__in=[atendimento.owner_unit_id, *referred]).order_by("name")
    form = ServiceReceivedForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            add_service_received(request.user, atendimento, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Serviço registrado."))
            return redirect("referrals:atendimento", atendimento.pk)
    services = [
        (SERVICE_LABELS.get(s.service, s.service), s) for s in atendimento.services_received.select_related("unit")
    ]
    return render(request, "referrals/service_form.html", {"a": atendimento, "form": form, "services": services})


def _stage_rows(atendimento) -> list[dict]:
    """Each stage of the flow: done, current (since when, due when, late) or to come."""
    rows, current = [], atendimento.stage
    for stage in atendimento.flow.stages.order_by("order"):
        row = {"stage": stage, "state": "next"}
        if current is not None and stage.order < current.order:
            row["state"] = "done"
        elif current is not None and stage.pk == current.pk:
            row["state"] = "current"
            if stage.deadline_days and atendimento.stage_since:
                row["due"] = atendimento.stage_since + timedelta(days=stage.deadline_days)
            row["late"] = atendimento.stage_late
        rows.append(row)
    return rows


@login_required
def stage(request, pk):
    """Where the atendimento is in its flow, what is late, and (POST) the move to the next stage."""
    atendimento = _editable(request.user, pk, "stage_page")
    if atendimento.flow_id is None:
        messages.error(request, _("Este atendimento não segue um fluxo."))
        return redirect("referrals:atendimento", atendimento.pk)
    upcoming = next_stage(atendimento)
    if request.method == "POST":
        try:
            moved = advance_stage(request.user, atendimento)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Atendimento na etapa “%(stage)s”.") % {"stage": moved.stage.name})
        return redirect("referrals:stage", atendimento.pk)
    late_referrals = atendimento.referrals.filter(state__in=UNANSWERED, deadline__lt=timezone.now()).select_related(
        "to_unit"
    )
    context = {
        "a": atendimento,
        "rows": _stage_rows(atendimento),
        "upcoming": upcoming,
        "late_referrals": late_referrals,
        "closed": atendimento.status == "encerrado",
    }
    return render(request, "referrals/stage.html", context)
