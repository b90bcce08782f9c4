"""Pages of an atendimento: inbox, open, detail (sections per profile), consent, identity, access log, close."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pnetp.network.models import Unit, UnitService

from ... import selectors
from ...consent import consent_record
from ...identity import can_read_identity, read_atendimento_identity
from ...models import AccessLog, Atendimento, Section
from ...permissions import (
    access_atendimento,
    access_atendimento_log,
    can_edit_atendimento,
    can_open_atendimento,
    can_view_access_log,
    log_access,
    require_atendimento_view,
    unit_ids,
)
from ...services.atendimentos import AtendimentoData, close_atendimento, open_atendimento, record_hearing
from ..forms import AtendimentoForm, CloseForm, ConsentForm, HearingForm
from .common import add_errors

SERVICE_LABELS = dict(UnitService.choices)


@login_required
def inbox(request):
    if not can_open_atendimento(request.user):
        raise PermissionDenied(_("A caixa de encaminhamentos é das unidades da rede de atendimento."))
    context = {
        "received": selectors.inbox(request.user)[:50],
        "sent": selectors.outbox(request.user)[:50],
        "atendimentos": selectors.my_atendimentos(request.user)[:50],
        "pending": selectors.pending_count(request.user),
    }
    return render(request, "referrals/inbox.html", context)


@login_required
def atendimento_create(request):
    if not can_open_atendimento(request.user):
        raise PermissionDenied(_("Só profissionais de uma unidade da rede abrem atendimentos."))
    units = Unit.objects.filter(pk__in=unit_ids(request.user))
    form = AtendimentoForm(request.POST or None, units=units, flows=selectors.active_flows())
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        data = AtendimentoData(
            identification_route=d["identification_route"],
            victim_status=d["victim_status"],
            status_decided_by=d["status_decided_by"],
            risk_level=d["risk_level"],
            threat_to_life=d["threat_to_life"],
            needs=d["needs"],
            care_plan=d["care_plan"],
            is_minor=d["is_minor"],
            guardian_kind=d["guardian_kind"],
            abroad=d["abroad"],
            flow=d["flow"],
        )
        identity = {k: d[k] for k in ("full_name", "social_name", "cpf", "birth_date") if d[k]}
        try:
            atendimento = open_atendimento(request.user, d["unit"], data, identity)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Atendimento aberto. Registre agora os consentimentos da pessoa."))
            return redirect("referrals:consent", atendimento.pk)
    return render(request, "referrals/atendimento_form.html", {"form": form})


@login_required
def atendimento_detail(request, pk):
    atendimento, view = access_atendimento(request.user, pk)
    context = {
        "a": atendimento,
        "view": view,
        "S": {s.name: s.value for s in Section},
        "consents": atendimento.consents.all() if view.owner else (),
        "referrals": atendimento.referrals.select_related("to_unit", "from_unit") if view.owner else (),
        "services": [
            (SERVICE_LABELS.get(s.service, s.service), s) for s in atendimento.services_received.select_related("unit")
        ]
        if view.shows(Section.SERVICES)
        else (),
        "hearings": atendimento.hearings.all() if view.shows(Section.JUSTICE) else (),
        "can_edit": can_edit_atendimento(request.user, atendimento),
        "can_identity": can_read_identity(request.user, atendimento),
        "can_log": can_view_access_log(request.user, atendimento),
        "close_form": CloseForm(),
        "needs": [SERVICE_LABELS.get(code, code) for code in atendimento.needs],
    }
    return render(request, "referrals/atendimento_detail.html", context)


@login_required
def consent(request, pk):
    atendimento, _view = access_atendimento(request.user, pk, action="consent_page")
    if not can_edit_atendimento(request.user, atendimento):
        raise PermissionDenied(_("Só a unidade responsável registra consentimentos."))
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consent_record(request.user, atendimento, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Consentimento registrado."))
            return redirect("referrals:consent", atendimento.pk)
    consents = atendimento.consents.select_related("recorded_by")
    return render(request, "referrals/consent_form.html", {"a": atendimento, "form": form, "consents": consents})


@login_required
@require_POST
def identity(request, pk):
    """Reveal the identity (POST: a deliberate, logged act)."""
    atendimento = get_object_or_404(Atendimento.objects.select_related("owner_unit__municipality", "person"), pk=pk)
    if not can_read_identity(request.user, atendimento):
        require_atendimento_view(request.user, atendimento)  # 404 for another UF
    log_access(request.user, atendimento, "identity")
    record = read_atendimento_identity(request.user, atendimento)  # logged by the SISETP store; 403 if refused
    return render(request, "referrals/identity.html", {"a": atendimento, "record": record})


@login_required
def access_log(request, pk):
    atendimento = access_atendimento_log(request.user, pk)
    entries = AccessLog.objects.filter(atendimento=atendimento)[:500]
    return render(request, "referrals/access_log.html", {"a": atendimento, "entries": entries})


@login_required
@require_POST
def close(request, pk):
    atendimento, _view = access_atendimento(request.user, pk, action="close")
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            close_atendimento(request.user, atendimento, reason=form.cleaned_data["reason"])
            messages.success(request, _("Atendimento encerrado."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Escolha o motivo do encerramento."))
    return redirect("referrals:atendimento", atendimento.pk)


@login_required
def hearing_create(request, pk):
    """Judicial support (5.1.4): record a hearing; warns when the person would be heard again."""
    atendimento, _view = access_atendimento(request.user, pk, action="hearing_page")
    if not can_edit_atendimento(request.user, atendimento):
        raise PermissionDenied(_("Só a unidade responsável registra oitivas."))
    form = HearingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _hearing, warning = record_hearing(request.user, atendimento, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Oitiva registrada."))
            if warning:
                messages.warning(request, warning)
            return redirect("referrals:atendimento", atendimento.pk)
    return render(request, "referrals/hearing_form.html", {"a": atendimento, "form": form})
