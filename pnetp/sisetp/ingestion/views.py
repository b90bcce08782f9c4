"""Web import: upload, validation report, confirmation, progress, and the batch list with rollback.

The steps are ``services.imports`` (each checks its own permission); these views read and render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..models import ImportBatch, ImportJob
from ..permissions import access_batch, access_import_job, require_importer
from ..services import imports
from . import jobs
from .batches import can_roll_back
from .forms import ImportForm


def _refusal(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def import_page(request):
    require_importer(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = imports.start_import(
            request.user,
            source=data["source"],
            layout=data["layout"],
            upload=data["file"],
            identity_upload=data.get("identity_file"),
            mapping=data.get("mapping"),
        )
        return redirect("sisetp:import-job", pk=job.pk)
    return render(request, "sisetp/ingestion/import.html", {"form": form})


@login_required
@require_safe
def job_page(request, pk):
    job = access_import_job(request.user, pk)
    issues = [issue for issue in job.issues if issue.get("level", "erro") != "aviso"]
    warnings = [issue for issue in job.issues if issue.get("level") == "aviso"]
    context = {
        "job": job,
        "refresh": job.in_progress,
        "issues": issues,
        "warnings": warnings,
        "to_confirm": jobs.changes_to_confirm(job) if job.status == ImportJob.Status.VALID else [],
        "quality": jobs.quality_lines(job.batch.quality if job.batch else job.summary.get("quality")),
    }
    return render(request, "sisetp/ingestion/job.html", context)


@login_required
@require_safe
def job_status(request, pk):
    job = access_import_job(request.user, pk)
    return JsonResponse(
        {
            "status": job.status,
            "label": job.get_status_display(),
            "rows_done": job.rows_done,
            "done": not job.in_progress,
        }
    )


@login_required
@require_POST
def job_confirm(request, pk):
    job = access_import_job(request.user, pk)
    try:
        imports.confirm_import(request.user, job, removals_confirmed=bool(request.POST.get("confirm_removals")))
    except ValidationError as error:
        _refusal(request, error)
    return redirect("sisetp:import-job", pk=job.pk)


@login_required
@require_POST
def job_cancel(request, pk):
    job = access_import_job(request.user, pk)
    try:
        imports.cancel_import(request.user, job)
    except ValidationError as error:
        _refusal(request, error)
    return redirect("sisetp:import-job", pk=job.pk)


@login_required
@require_POST
def job_retry(request, pk):
    job = access_import_job(request.user, pk)
    try:
        imports.retry_import(request.user, job)
    except ValidationError as error:
        _refusal(request, error)
    return redirect("sisetp:import-job", pk=job.pk)


@login_required
@require_safe
def batch_list(request):
    sources = require_importer(request.user)
    batches = list(
        ImportBatch.objects.filter(source__in=sources).select_related("source", "user", "rolled_back_by")[:200]
    )
    for batch in batches:
        batch.can_roll_back = can_roll_back(batch)
        batch.quality_lines = jobs.quality_lines(batch.quality)
    return render(request, "sisetp/ingestion/batches.html", {"batches": batches})


@login_required
@require_http_methods(["GET", "POST"])
def batch_rollback(request, pk):
    """GET: what undoing the batch removes and restores, and a confirm button; POST: undo it."""
    batch = access_batch(request.user, pk)
    if request.method == "GET":
        if not can_roll_back(batch):
            messages.error(request, _("O lote %(id)s não pode ser desfeito.") % {"id": batch.pk})
            return redirect("sisetp:import-batches")
        context = {
            "batch": batch,
            "to_delete": (batch.counts or {}).get("cases_created", 0),
            "to_restore": len(batch.replaced or {}),
        }
        return render(request, "sisetp/ingestion/rollback_confirm.html", context)
    try:
        counts = imports.roll_back_batch(request.user, batch)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(
            request,
            _("Lote %(id)s desfeito: %(deleted)s casos apagados, %(restored)s restaurados.")
            % {"id": batch.pk, "deleted": counts["cases_deleted"], "restored": counts["cases_restored"]},
        )
    return redirect("sisetp:import-batches")
