"""Participants of training offerings: the public aggregate page of an offering, the pages where its
institution's focal points or the coordination enter counts and keep the named list (never public), the
certificates (PDF) and the public check of a certificate by its code."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pnetp.accounts.access import policy_required
from pnetp.accounts.permissions import is_coordination

from ...certificates import certificate_pdf
from ...models import Training
from ...participant_permissions import (
    access_named_list,
    access_participant,
    access_training,
    can_manage_any_participants,
    can_manage_participants,
)
from ...participant_selectors import public_participants, verify_certificate
from ...services import participants as services
from ..participant_forms import CertificateCodeForm, CountFormSet, ParticipantForm
from .auth import login_first


def training_detail(request, pk: int):
    training = get_object_or_404(Training.objects.select_related("institution"), pk=pk)
    context = {"t": training, "public": public_participants(training),
               "can_manage": can_manage_participants(request.user, training)}  # fmt: skip
    return render(request, "network/training_detail.html", context)


@policy_required(can_manage_any_participants)
def participants_manage(request):
    trainings = Training.objects.select_related("institution").order_by("-start_date", "title")
    if not is_coordination(request.user):
        trainings = trainings.filter(institution_id=request.user.institution_id)
    return render(request, "network/participants_manage.html", {"trainings": trainings})


def _counts_initial(training):
    return [
        {"audience": c.audience, "sex": c.sex, "uf": c.uf, "count": c.count} for c in training.participant_counts.all()
    ]


@login_first
def training_participants(request, pk: int):
    training = access_training(request.user, pk)
    action = request.POST.get("form") if request.method == "POST" else None
    counts = CountFormSet(
        request.POST if action == "contagens" else None, initial=_counts_initial(training), prefix="c"
    )
    person = ParticipantForm(request.POST if action == "participante" else None)
    errors = []
    try:
        if action == "contagens" and counts.is_valid():
            rows = [row for form in counts if (row := form.row())]
            services.participant_counts_set(request.user, training, rows=rows)
            messages.success(request, _("Contagens de participantes salvas."))
            return redirect("network:training_participants", training.pk)
        if action == "participante" and person.is_valid():
            services.participant_add(request.user, training, **person.cleaned_data)
            messages.success(request, _("Participante incluído."))
            return redirect("network:training_participants", training.pk)
        if action == "certificados":
            issued = services.certificates_issue(request.user, training)
            messages.success(request, _("Certificados emitidos: %(n)d.") % {"n": issued})
            return redirect("network:training_participants", training.pk)
    except ValidationError as error:
        errors = error.messages
    context = {"t": training, "counts": counts, "person": person, "errors": errors,
               "named": access_named_list(request.user, training)}  # fmt: skip
    return render(request, "network/training_participants.html", context)


@login_first
def participant_action(request, pk: int):
    """POST only: ``acao`` is ``concluiu``, ``nao-concluiu`` or ``remover``."""
    participant = access_participant(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    training_pk = participant.training_id
    action = request.POST.get("acao")
    try:
        if action in ("concluiu", "nao-concluiu"):
            services.participant_set_completed(request.user, participant, completed=action == "concluiu")
        elif action == "remover":
            services.participant_remove(request.user, participant)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("network:training_participants", training_pk)


@login_first
def certificate_download(request, pk: int):
    participant = access_participant(request.user, pk)
    if not participant.certificate_code:
        raise Http404
    response = HttpResponse(certificate_pdf(request.user, participant), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificado-{participant.certificate_code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def certificate_verify(request):
    form = CertificateCodeForm(request.GET or None)
    check, asked = None, False
    if form.is_valid():
        asked = True
        check = verify_certificate(services.normalise_code(form.cleaned_data["codigo"]))
    return render(request, "network/certificate_verify.html", {"form": form, "check": check, "asked": asked})
