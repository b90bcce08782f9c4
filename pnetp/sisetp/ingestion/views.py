"""Web import: upload, validation report, confirmation, progress, and the batch list with rollback."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pnetp.accounts.permissions import is_coordination

from ..models import ImportBatch, ImportJob, SourceMapping
from ..permissions import can_import_source
from . import jobs
from .batches import RollbackRefused, can_roll_back, rollback
from .forms import ImportForm, importable_sources


def _sources_or_403(user):
    sources = importable_sources(user)
    if not sources:
        raise PermissionDenied
    return sources


def _job_or_403(request, pk) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("source", "batch"), pk=pk)
    own = job.user_id == request.user.pk or is_coordination(request.user)
    if not (own and can_import_source(request.user, job.source)):
        raise PermissionDenied
    return job


@login_required
def import_page(request):
    _sources_or_403(request.user)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data.get("mapping"):
            SourceMapping.objects.update_or_create(source=data["source"], defaults=data["mapping"])
        identity = data.get("identity_file")
        job = ImportJob.objects.create(
            source=data["source"],
            layout=data["layout"],
            user=request.user,
            file_path=jobs.save_upload(data["file"]),
            file_name=data["file"].name[:255],
            identity_file_path=jobs.save_upload(identity) if identity else "",
            identity_file_name=identity.name[:255] if identity else "",
        )
        jobs.start(job, write=False)
        return redirect("sisetp:import-job", pk=job.pk)
    return render(request, "sisetp/ingestion/import.html", {"form": form})


@login_required
@require_safe
def job_page(request, pk):
    job = _job_or_403(request, pk)
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
    job = _job_or_403(request, pk)
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
    job = _job_or_403(request, pk)
    if job.status != ImportJob.Status.VALID:
        messages.error(request, _("Só um arquivo validado e ainda não gravado pode ser confirmado."))
    elif jobs.changes_to_confirm(job) and not request.POST.get("confirm_removals"):
        messages.error(
            request, _("Esta importação retira pessoas ou apaga valores: marque a confirmação antes de gravar.")
        )
    else:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
        jobs.start(job, write=True)
    return redirect("sisetp:import-job", pk=job.pk)


@login_required
@require_POST
def job_cancel(request, pk):
    job = _job_or_403(request, pk)
    if not jobs.cancel(job):
        messages.error(request, _("Só um arquivo validado e ainda não gravado pode ser cancelado."))
    return redirect("sisetp:import-job", pk=job.pk)


@login_required
@require_POST
def job_retry(request, pk):
    job = _job_or_403(request, pk)
    if not jobs.retry(job):
        messages.error(request, _("Só uma importação interrompida pode ser validada novamente."))
    return redirect("sisetp:import-job", pk=job.pk)


@login_required
@require_safe
def batch_list(request):
    sources = _sources_or_403(request.user)
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
    batch = get_object_or_404(ImportBatch.objects.select_related("source", "user"), pk=pk)
    if not can_import_source(request.user, batch.source):
        raise PermissionDenied
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
        counts = rollback(batch, user=request.user)
    except RollbackRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Lote %(id)s desfeito: %(deleted)s casos apagados, %(restored)s restaurados.")
            % {"id": batch.pk, "deleted": counts["cases_deleted"], "restored": counts["cases_restored"]},
        )
    return redirect("sisetp:import-batches")
