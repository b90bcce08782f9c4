"""The report page and the report form (create or edit the institution's report for a cycle)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from pnetp.monitoring import registry_sources
from pnetp.monitoring.models import MonitoringCycle, ProgressReport
from pnetp.monitoring.services import workflow
from pnetp.monitoring.services.permissions import can_comment, can_review, can_write_report
from pnetp.monitoring.services.timeline import report_timeline
from pnetp.plans.models import Activity

from ..access import can_edit_report, can_follow_cycles, can_view_report
from ..forms import CommentForm, ReportForm, apply_service_errors
from ..rendering import render_page

REPORT_RELATED = (
    "activity__plan", "activity__action__axis", "activity__responsibility", "cycle", "institution", "status",
    "created_by", "submitted_by", "returned_by", "approved_by",
)  # fmt: skip


def get_report(pk: int) -> ProgressReport:
    return get_object_or_404(ProgressReport.objects.select_related(*REPORT_RELATED), pk=pk)


def get_viewable_report(request, pk: int) -> ProgressReport:
    report = get_report(pk)
    if not can_view_report(request.user, report):
        raise PermissionDenied
    return report


def report_context(request, report: ProgressReport, comment_form: CommentForm | None = None) -> dict:
    user = request.user
    submitted = report.state == ProgressReport.State.SUBMITTED
    can_edit = can_edit_report(user, report)
    may_comment = can_comment(user, report) and report.state != ProgressReport.State.APPROVED
    return {
        "report": report,
        "activity": report.activity,
        "indicator_rows": indicator_rows(report),
        "evidence": report.evidence.select_related("created_by"),
        "comments": report.comments.select_related("author"),
        "timeline": report_timeline(report),
        "can_edit": can_edit,
        "can_review": submitted and can_review(user),
        "show_cycle_link": can_follow_cycles(user),
        "comment_form": comment_form or (CommentForm() if may_comment else None),
    }


def indicator_rows(report: ProgressReport) -> list[tuple]:
    """(indicator, value or None) for every indicator of the activity."""
    values = {v.indicator_id: v for v in report.indicator_values.all()}
    return [(indicator, values.get(indicator.pk)) for indicator in report.activity.indicators.all()]


@login_required
def report_detail(request, pk: int):
    report = get_viewable_report(request, pk)
    return render_page(request, "monitoring/web/report_detail.html", report_context(request, report))


@login_required
def report_form(request, plan: str, code: str, cycle_id: int):
    user = request.user
    activity = get_object_or_404(Activity.objects.select_related("plan", "action__axis"), plan__slug=plan, code=code)
    cycle = get_object_or_404(MonitoringCycle, pk=cycle_id, plan=activity.plan)
    if not can_write_report(user, activity, user.institution_id):
        raise PermissionDenied
    institution = user.institution
    report = ProgressReport.objects.filter(activity=activity, cycle=cycle, institution=institution).first()
    if report is not None and not report.is_editable_state:
        message = _("Este relatório está “%(state)s” e não pode ser editado.")
        messages.warning(request, message % {"state": report.get_state_display()})
        return redirect("monitoring_web:report", report.pk)
    if not cycle.is_open:
        message = _("O ciclo %(cycle)s está encerrado; os relatórios não podem mais ser alterados.")
        messages.warning(request, message % {"cycle": cycle.name})
        return redirect("monitoring_web:report", report.pk) if report else redirect("monitoring_web:my_activities")

    values = {v.indicator_id: v for v in report.indicator_values.all()} if report else {}
    indicators = list(activity.indicators.all())
    fills = {i.pk: fill for i in indicators if (fill := registry_sources.fill_for(i, cycle)) is not None}
    form = ReportForm(request.POST or None, report=report, indicators=indicators, values=values, fills=fills)
    if request.method == "POST" and form.is_valid():
        try:
            # One save: the report and its indicator values together, or nothing.
            with transaction.atomic():
                saved = workflow.start_report(user, activity, cycle, institution, **form.report_changes())
                for indicator, value, note, fill in form.indicator_values():
                    workflow.set_indicator_value(user, saved, indicator, value, note, fill=fill)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Relatório salvo. Revise-o e envie para análise quando estiver pronto."))
            return redirect("monitoring_web:report", saved.pk)
    context = {"form": form, "activity": activity, "cycle": cycle, "institution": institution, "report": report}
    return render_page(request, "monitoring/web/report_form.html", context)
