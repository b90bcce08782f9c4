"""Coordination: who answers for each activity (institutions, dates, deliverable, weight) and its indicators."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from pnetp.accounts.access import policy_required
from pnetp.monitoring.models import Indicator, Responsibility
from pnetp.monitoring.services.assignment import assign_responsibility, save_indicator
from pnetp.monitoring.services.permissions import is_coordination
from pnetp.monitoring.services.timeline import activity_timeline
from pnetp.plans.models import Activity, Plan

from .. import queries
from ..forms import IndicatorForm, ResponsibilityForm, apply_service_errors
from ..rendering import render_page


def get_activity(plan: str, code: str) -> Activity:
    return get_object_or_404(Activity.objects.select_related("plan", "action__axis"), plan__slug=plan, code=code)


@policy_required(is_coordination)
def activity_list(request):
    plans = list(Plan.objects.order_by("-start_year", "title"))
    chosen = request.GET.get("plano")
    plan = next((p for p in plans if p.slug == chosen), plans[0] if plans else None)
    activities = queries.plan_activities(plan) if plan else []
    context = {"plans": plans, "plan": plan, "activities": activities}
    return render_page(request, "monitoring/web/activity_list.html", context)


@policy_required(is_coordination)
def responsibility(request, plan: str, code: str):
    activity = get_activity(plan, code)
    current = Responsibility.objects.filter(activity=activity).first()
    form = ResponsibilityForm(request.POST or None, responsibility=current)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        leads, partners = data.pop("lead_institutions"), data.pop("partner_institutions")
        try:
            assign_responsibility(request.user, activity, leads=leads, partners=partners, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Responsabilidade da atividade %(code)s salva.") % {"code": activity.code})
            return redirect("monitoring_web:responsibility", activity.plan.slug, activity.code)
    context = {
        "activity": activity,
        "form": form,
        "indicators": activity.indicators.all(),
        "timeline": activity_timeline(activity),
    }
    return render_page(request, "monitoring/web/responsibility_form.html", context)


@policy_required(is_coordination)
def indicator_form(request, plan: str, code: str, pk: int | None = None):
    activity = get_activity(plan, code)
    indicator = get_object_or_404(Indicator, pk=pk, activity=activity) if pk else None
    instance = indicator or Indicator(activity=activity)
    form = IndicatorForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_indicator(request.user, activity, indicator, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Indicador “%(name)s” salvo.") % {"name": saved.name})
            return redirect("monitoring_web:responsibility", activity.plan.slug, activity.code)
    context = {"activity": activity, "indicator": indicator, "form": form}
    return render_page(request, "monitoring/web/indicator_form.html", context)
