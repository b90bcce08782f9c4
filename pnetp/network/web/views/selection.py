"""Civil-society selection processes (editais): the public list and page (results, no contacts) and the pages of
the committee's managers (record the call, register organisations, close the process)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ...cnpj import format_cnpj
from ...committee_selectors import public_committees
from ...models import Candidate, SelectionProcess
from ...permissions import access_committee, can_manage_committee
from ...services.selection import candidate_save, process_close, process_save
from ..selection_forms import CandidateForm, SelectionProcessForm
from .auth import login_first
from .form_pages import form_page, save_form


def selection_list(request, slug: str):
    committee = get_object_or_404(public_committees(), slug=slug)
    processes = committee.selection_processes.prefetch_related("candidates").order_by("-registration_start")
    context = {
        "committee": committee,
        "processes": processes,
        "can_manage": can_manage_committee(request.user, committee),
    }
    return render(request, "network/selection_list.html", context)


def selection_detail(request, slug: str, pk: int):
    committee = get_object_or_404(public_committees(), slug=slug)
    process = get_object_or_404(SelectionProcess, pk=pk, committee=committee)
    can_manage = can_manage_committee(request.user, committee)
    candidates = [(c, format_cnpj(c.cnpj)) for c in process.candidates.order_by("status", "name")]
    context = {"committee": committee, "process": process, "candidates": candidates, "can_manage": can_manage}
    return render(request, "network/selection_detail.html", context)


@login_first
def selection_new(request, slug: str):
    committee = access_committee(request.user, slug)
    form = SelectionProcessForm(request.POST or None)
    saved = {}
    save = lambda data: saved.update(p=process_save(request.user, committee, data=data))  # noqa: E731
    if request.method == "POST" and save_form(form, save):
        return redirect(saved["p"])
    return form_page(
        request, _("Novo processo seletivo (edital)"), form, committee.get_absolute_url(), committee=committee
    )


@login_first
def selection_edit(request, slug: str, pk: int):
    committee = access_committee(request.user, slug)
    process = get_object_or_404(SelectionProcess, pk=pk, committee=committee)
    form = SelectionProcessForm(request.POST or None, instance=SelectionProcess.objects.get(pk=pk))
    save = lambda data: process_save(request.user, committee, data=data, process=process)  # noqa: E731
    if request.method == "POST" and save_form(form, save):
        return redirect(process)
    return form_page(
        request, _("Editar %(process)s") % {"process": process}, form, process.get_absolute_url(), committee=committee
    )


@login_first
def candidate_edit(request, slug: str, pk: int, candidate: int | None = None):
    committee = access_committee(request.user, slug)
    process = get_object_or_404(SelectionProcess, pk=pk, committee=committee)
    row = get_object_or_404(Candidate, pk=candidate, process=process) if candidate else None
    form = CandidateForm(request.POST or None, instance=Candidate.objects.get(pk=row.pk) if row else None)

    save = lambda data: candidate_save(request.user, process, data=data, candidate=row)  # noqa: E731
    if request.method == "POST" and save_form(form, save):
        return redirect(process)
    title = _("Editar inscrição: %(name)s") % {"name": row.name} if row else _("Inscrever organização")
    return form_page(request, title, form, process.get_absolute_url(), committee=committee)


@login_first
def selection_close(request, slug: str, pk: int):
    committee = access_committee(request.user, slug)
    process = get_object_or_404(SelectionProcess, pk=pk, committee=committee)
    if request.method == "POST":
        try:
            elected = process_close(request.user, process)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("network:selection_close", slug, pk)
        messages.success(request, _("Processo encerrado: %(n)d assentos criados.") % {"n": len(elected)})
        return redirect(committee)
    return render(request, "network/selection_close.html", {"committee": committee, "process": process})
