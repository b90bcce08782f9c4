"""Workflow steps of a report: submit, return with a reason, approve, comment. Only POST changes anything."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pnetp.monitoring.models import ProgressReport
from pnetp.monitoring.services import workflow
from pnetp.monitoring.services.permissions import can_comment, can_review, can_write_report

from ..forms import CommentForm, ReturnForm, apply_service_errors
from ..rendering import render_page
from .reports import get_report, report_context


def _error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _reviewable(request, pk: int) -> ProgressReport:
    report = get_report(pk)
    if not can_review(request.user):
        raise PermissionDenied
    return report


def _back(report):
    return redirect("monitoring_web:report", report.pk)


@login_required
@require_POST
def submit(request, pk: int):
    report = get_report(pk)
    if not can_write_report(request.user, report.activity, report.institution_id):
        raise PermissionDenied
    try:
        workflow.submit_report(request.user, report)
    except ValidationError as error:
        _error_messages(request, error)
    else:
        messages.success(request, _("Relatório enviado para análise da coordenação."))
    return _back(report)


@login_required
def return_report(request, pk: int):
    report = _reviewable(request, pk)
    if report.state != ProgressReport.State.SUBMITTED:
        messages.warning(request, _("Somente relatórios enviados podem ser devolvidos."))
        return _back(report)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.return_report(request.user, report, form.cleaned_data["reason"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Relatório devolvido à instituição com o motivo informado."))
            return _back(report)
    return render_page(request, "monitoring/web/report_return.html", {"report": report, "form": form})


@login_required
def approve(request, pk: int):
    """GET asks for confirmation; POST approves."""
    report = _reviewable(request, pk)
    if request.method == "POST":
        try:
            workflow.approve_report(request.user, report)
        except ValidationError as error:
            _error_messages(request, error)
        else:
            messages.success(request, _("Relatório aprovado. Ele passa a constar do portal público."))
        return _back(report)
    if report.state != ProgressReport.State.SUBMITTED:
        messages.warning(request, _("Somente relatórios enviados podem ser aprovados."))
        return _back(report)
    return render_page(request, "monitoring/web/report_approve.html", {"report": report})


@login_required
@require_POST
def comment(request, pk: int):
    report = get_report(pk)
    if not can_comment(request.user, report):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            workflow.add_comment(request.user, report, form.cleaned_data["text"])
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Comentário publicado."))
            return redirect(reverse("monitoring_web:report", args=[report.pk]) + "#comentarios")
    context = report_context(request, report, comment_form=form)
    return render_page(request, "monitoring/web/report_detail.html", context)
