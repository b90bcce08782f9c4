"""Coordination: the status vocabulary of reports (labels, default percent, progress rules, order)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from pnetp.accounts.access import policy_required
from pnetp.monitoring.models import StatusOption
from pnetp.monitoring.services.permissions import is_coordination
from pnetp.monitoring.services.statuses import save_status_option

from ..forms import StatusOptionForm
from ..rendering import render_page


@policy_required(is_coordination)
def status_list(request):
    options = StatusOption.objects.annotate(report_count=Count("reports")).order_by("order", "label")
    return render_page(request, "monitoring/web/status_list.html", {"options": options})


@policy_required(is_coordination)
def status_form(request, pk: int | None = None):
    option = get_object_or_404(StatusOption, pk=pk) if pk else None
    form = StatusOptionForm(request.POST or None, instance=option)
    if request.method == "POST" and form.is_valid():
        saved = save_status_option(request.user, form.save(commit=False))
        messages.success(request, _("Situação “%(label)s” salva.") % {"label": saved.label})
        return redirect("monitoring_web:statuses")
    return render_page(request, "monitoring/web/status_form.html", {"option": option, "form": form})
