"""Evidence: adding and removing it (focal points, while the report is editable) and downloading files.

Files are never served from a public MEDIA URL: every download goes through ``download``, which
lets private evidence out only to the coordination and the institution's focal points, and public
evidence to anyone only once its report is approved.
"""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pnetp.monitoring.models import Evidence
from pnetp.monitoring.services import workflow
from pnetp.monitoring.services.permissions import can_write_report

from ..access import can_download_evidence, can_edit_report
from ..forms import EvidenceForm, apply_service_errors
from ..rendering import render_page
from .reports import get_report


@login_required
def add(request, pk: int):
    report = get_report(pk)
    if not can_write_report(request.user, report.activity, report.institution_id):
        raise PermissionDenied
    if not can_edit_report(request.user, report):
        messages.warning(request, _("Só é possível incluir evidências enquanto o relatório está em edição."))
        return redirect("monitoring_web:report", report.pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workflow.add_evidence(request.user, report, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Evidência “%(title)s” incluída.") % {"title": data["title"].strip()})
            return redirect("monitoring_web:report", report.pk)
    return render_page(request, "monitoring/web/evidence_form.html", {"report": report, "form": form})


@login_required
@require_POST
def remove(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("report__activity", "report__cycle"), pk=pk)
    report = evidence.report
    if not can_write_report(request.user, report.activity, report.institution_id):
        raise PermissionDenied
    try:
        workflow.remove_evidence(request.user, evidence)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Evidência “%(title)s” removida.") % {"title": evidence.title})
    return redirect("monitoring_web:report", report.pk)


def download(request, pk: int):
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    if not can_download_evidence(request.user, evidence):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    if not evidence.file:
        raise Http404  # link evidence has no file; its URL is shown on the report page
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = PurePosixPath(evidence.file.name).name
    response = FileResponse(handle, as_attachment=True, filename=name)
    # Shared caches must not keep a copy of evidence that may be private (or become so).
    response["Cache-Control"] = "private, no-store"
    return response
