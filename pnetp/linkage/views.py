"""Clerical review queue, pair page, linkage runs and the record → person id download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pnetp.accounts.assurance import is_strongly_authenticated

from pnetp.sisetp.permissions import can_read_identity, holds_identity_grant

from .models import LinkageRun, ReviewPair
from . import service
from .access import can_run_linkage, require_review_linkage
from .compare import FIELD_LABELS, LEVEL_LABELS
from .records import identity_rows, pair_persons, record_rows

PAGE_SIZE = 50


@login_required
@require_safe
def queue(request):
    require_review_linkage(request.user)
    pending = ReviewPair.objects.filter(status=ReviewPair.Status.PENDING).order_by("-probability", "pk")
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    decided = ReviewPair.objects.exclude(status=ReviewPair.Status.PENDING).select_related("decided_by")
    context = {
        "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "paginator": page.paginator,
        "recent_decisions": decided.order_by("-decided_at")[:10],
        "decided_count": decided.count(),
        "last_run": LinkageRun.objects.first(),
    }
    return render(request, "linkage/queue.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pair_page(request, pk):
    """The two records side by side; identities only when asked for (POST), each read logged."""
    require_review_linkage(request.user)
    pair = get_object_or_404(ReviewPair.objects.select_related("run", "decided_by"), pk=pk)
    persons = pair_persons(pair)
    reveal = request.method == "POST" and request.POST.get("action") == "identidades"
    readable = [person is not None and can_read_identity(request.user, person) for person in persons]
    # Every reveal request goes through read_identity, so a refused one is logged like a granted one.
    identities = identity_rows(request.user, persons, pair) if reveal else None
    weak_sign_in = (
        not any(readable) and holds_identity_grant(request.user) and not is_strongly_authenticated(request.user)
    )
    if reveal and not any(readable):
        identities = None
        if weak_sign_in:
            messages.error(
                request,
                _(
                    "Sua entrada não basta para ler identidades: entre com gov.br nível prata ou "
                    "ouro, ou confirme o segundo fator. A tentativa foi registrada."
                ),
            )
        else:
            messages.error(request, _("Sem autorização para ler as identidades deste par; a tentativa foi registrada."))
    context = {
        "pair": pair,
        "rows": record_rows(persons),
        "identities": identities,
        "can_reveal": any(readable) or weak_sign_in,
        "weak_sign_in": weak_sign_in,
        "comparison": [
            (FIELD_LABELS[name], LEVEL_LABELS.get(level, level), level) for name, level in pair.comparison.items()
        ],
        "next_pair": service.next_pending(after=pair),
    }
    return render(request, "linkage/pair.html", context)


@login_required
@require_POST
def decide_pair(request, pk):
    require_review_linkage(request.user)
    pair = get_object_or_404(ReviewPair, pk=pk)
    answer = request.POST.get("decision")
    if answer not in (ReviewPair.Status.SAME, ReviewPair.Status.DIFFERENT):
        messages.error(request, _("Escolha “mesma pessoa” ou “pessoas diferentes”."))
        return redirect("linkage:pair", pk=pair.pk)
    service.decide_pair(request.user, pair, same=answer == ReviewPair.Status.SAME, note=request.POST.get("note", ""))
    messages.success(
        request,
        _("Par %(id)s: decisão “%(decision)s” registrada; vale a partir da próxima ligação de registros.")
        % {"id": pair.pk, "decision": pair.get_status_display()},
    )
    following = service.next_pending(after=pair)
    return redirect("linkage:pair", pk=following.pk) if following else redirect("linkage:review")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def runs(request):
    require_review_linkage(request.user)
    if request.method == "POST":
        try:
            run = service.start_run(request.user)
        except service.RunRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("linkage:runs")
        return redirect("linkage:run", pk=run.pk)
    context = {
        "runs": LinkageRun.objects.select_related("user")[:20],
        "can_run": can_run_linkage(request.user),
        "running": service.running_run(),
    }
    return render(request, "linkage/runs.html", context)


@login_required
@require_safe
def run_page(request, pk):
    require_review_linkage(request.user)
    service.interrupt_dead_runs()  # a run whose process died must stop "refreshing" forever
    run = get_object_or_404(LinkageRun.objects.select_related("user"), pk=pk)
    return render(request, "linkage/run.html", {"run": run, "refresh": run.in_progress})


@login_required
@require_safe
def export_map(request):
    require_review_linkage(request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pessoas-unicas.csv"'
    service.write_person_map(response)
    return response
