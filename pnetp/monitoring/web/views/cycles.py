"""Monitoring cycles: list and page (for those who follow the plan), open, close and reopen (coordination)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.accounts.access import policy_required
from pnetp.monitoring.models import MonitoringCycle
from pnetp.monitoring.reports import FORMATS
from pnetp.monitoring.services import cycles
from pnetp.monitoring.services.accountability import accountability_table, days_overdue
from pnetp.monitoring.services.permissions import is_coordination

from .. import queries
from ..access import can_follow_cycles
from ..forms import CycleForm, apply_service_errors
from ..rendering import render_page


@policy_required(can_follow_cycles)
def cycle_list(request):
    cycle_rows = MonitoringCycle.objects.select_related("plan").order_by("-period_end", "plan__title", "name")
    context = {"cycles": cycle_rows, "can_manage": is_coordination(request.user)}
    return render_page(request, "monitoring/web/cycle_list.html", context)


@policy_required(is_coordination)
def cycle_create(request):
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = cycles.open_cycle(request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Ciclo %(cycle)s aberto.") % {"cycle": cycle.name})
            return redirect("monitoring_web:cycle", cycle.pk)
    return render_page(request, "monitoring/web/cycle_form.html", {"form": form})


@policy_required(can_follow_cycles)
def cycle_detail(request, pk: int):
    cycle = get_object_or_404(MonitoringCycle.objects.select_related("plan", "opened_by"), pk=pk)
    today = timezone.localdate()
    coordination = is_coordination(request.user)
    context = {
        "cycle": cycle,
        "accountability": accountability_table(cycle, today),
        "days_overdue": days_overdue(cycle, today),
        "reports": queries.cycle_reports(cycle) if coordination else None,
        "formats": list(FORMATS),
        "can_manage": coordination,
    }
    return render_page(request, "monitoring/web/cycle_detail.html", context)


def _change_state(request, pk: int, *, closing: bool):
    cycle = get_object_or_404(MonitoringCycle.objects.select_related("plan"), pk=pk)
    if request.method == "POST":
        try:
            (cycles.close_cycle if closing else cycles.reopen_cycle)(request.user, cycle)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            done = _("Ciclo %(cycle)s encerrado.") if closing else _("Ciclo %(cycle)s reaberto.")
            messages.success(request, done % {"cycle": cycle.name})
        return redirect("monitoring_web:cycle", cycle.pk)
    return render_page(request, "monitoring/web/cycle_state.html", {"cycle": cycle, "closing": closing})


@policy_required(is_coordination)
def cycle_close(request, pk: int):
    """GET asks for confirmation; POST closes the cycle to changes by focal points."""
    return _change_state(request, pk, closing=True)


@policy_required(is_coordination)
def cycle_reopen(request, pk: int):
    return _change_state(request, pk, closing=False)
