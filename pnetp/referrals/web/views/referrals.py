"""Pages of a referral: create, detail with the answers its viewer may give, transitions, letter PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ... import selectors, workflow
from ...letter import referral_letter_pdf
from ...models import State
from ...permissions import access_atendimento, access_referral, can_edit_atendimento, referral_roles
from ...services.referrals import ReferralRequest, require_letter, send_referral
from ..forms import ConcludeForm, ReferralForm, RefuseForm, RevokeForm
from .common import add_errors

# URL action → (target state, form class or None)
ACTIONS = {
    "receber": (State.RECEIVED, None),
    "aceitar": (State.ACCEPTED, None),
    "recusar": (State.REFUSED, RefuseForm),
    "iniciar": (State.IN_SERVICE, None),
    "concluir": (State.DONE, ConcludeForm),
    "revogar": (State.REVOKED, RevokeForm),
}


@login_required
def referral_create(request, pk):
    atendimento, _view = access_atendimento(request.user, pk, action="referral_page")
    if not can_edit_atendimento(request.user, atendimento):
        raise PermissionDenied(_("Só a unidade responsável encaminha."))
    form = ReferralForm(request.POST or None, exclude_unit=atendimento.owner_unit_id)
    if request.method == "POST" and form.is_valid():
        try:
            referral = send_referral(request.user, atendimento, ReferralRequest(**form.cleaned_data))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Encaminhamento enviado."))
            return redirect("referrals:referral", referral.pk)
    return render(request, "referrals/referral_form.html", {"a": atendimento, "form": form})


def _available(user, referral) -> list[tuple[str, str]]:
    """(action slug, label) the user may take now, from the transition table."""
    roles = referral_roles(user, referral)
    return [
        (slug, State(target).label)
        for slug, (target, _form) in ACTIONS.items()
        if (rule := workflow.TRANSITIONS.get((referral.state, target))) and rule.who in roles
    ]


@login_required
def referral_detail(request, pk):
    referral = access_referral(request.user, pk)
    context = {
        "r": referral,
        "timeline": selectors.timeline(referral),
        "actions": _available(request.user, referral),
        "forms": {"recusar": RefuseForm(), "concluir": ConcludeForm(), "revogar": RevokeForm()},
        "is_sender": "sender" in referral_roles(request.user, referral),
    }
    return render(request, "referrals/referral_detail.html", context)


@login_required
@require_POST
def referral_action(request, pk, action):
    if action not in ACTIONS:
        raise PermissionDenied(_("Ação desconhecida."))
    referral = access_referral(request.user, pk)
    target, form_class = ACTIONS[action]
    data = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
            return redirect("referrals:referral", referral.pk)
        data = form.cleaned_data
    try:
        workflow.transition(request.user, referral, target, **data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Encaminhamento agora está “%(state)s”.") % {"state": State(target).label})
    return redirect("referrals:referral", referral.pk)


@login_required
def referral_letter(request, pk):
    referral = access_referral(request.user, pk)
    try:
        require_letter(request.user, referral)
    except ValidationError as error:
        raise PermissionDenied(" ".join(error.messages)) from error
    pdf = referral_letter_pdf(request.user, referral)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="encaminhamento-{referral.pk}.pdf"'
    return response
