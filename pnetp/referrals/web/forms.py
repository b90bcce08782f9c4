"""Forms of the referral pages (labels and errors in pt-BR)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.network.models import Unit, UnitKind, UnitService
from pnetp.sisetp.standard.vocabularies import get_vocabulary

from ..models import (
    ClosureReason,
    ConsentHow,
    FlowTemplate,
    Hearing,
    IdentificationRoute,
    Purpose,
    RefusalReason,
    RiskLevel,
    SharingProfile,
    VictimStatus,
)
from ..models.choices import GuardianKind

BLANK = [("", "—")]
REFERRAL_PURPOSES = [(p.value, p.label) for p in (Purpose.NETWORK, Purpose.POLICE, Purpose.CONSULAR)]


class AtendimentoForm(forms.Form):
    unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unidade responsável"))
    identification_route = forms.ChoiceField(
        label=_("Como a pessoa foi identificada"), choices=IdentificationRoute.choices
    )
    victim_status = forms.ChoiceField(label=_("Situação de vítima"), choices=VictimStatus.choices)
    status_decided_by = forms.ChoiceField(label=_("Quem decidiu a situação"), required=False)
    threat_to_life = forms.BooleanField(label=_("Há ameaça à vida (torna o atendimento urgente)"), required=False)
    risk_level = forms.ChoiceField(label=_("Nível de risco"), choices=RiskLevel.choices)
    needs = forms.MultipleChoiceField(label=_("Necessidades"), choices=UnitService.choices, required=False)
    care_plan = forms.CharField(
        label=_("Plano de atendimento"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    flow = forms.ModelChoiceField(FlowTemplate.objects.none(), label=_("Fluxo"), required=False)
    is_minor = forms.BooleanField(label=_("Criança ou adolescente"), required=False)
    guardian_kind = forms.ChoiceField(label=_("Responsável"), choices=BLANK + GuardianKind.choices, required=False)
    abroad = forms.BooleanField(label=_("Brasileiro(a) vítima no exterior"), required=False)
    full_name = forms.CharField(label=_("Nome civil"), max_length=200, required=False, help_text=_("Guardado cifrado."))
    social_name = forms.CharField(label=_("Nome social"), max_length=200, required=False)
    cpf = forms.CharField(label=_("CPF"), max_length=14, required=False)
    birth_date = forms.DateField(
        label=_("Data de nascimento"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, units, flows, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["flow"].queryset = flows
        self.fields["status_decided_by"].choices = BLANK + list(get_vocabulary("decision_authority").choices())


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Finalidade"), choices=Purpose.choices)
    granted = forms.TypedChoiceField(
        label=_("Resposta da pessoa"),
        choices=[("1", _("Consente")), ("0", _("Não consente"))],
        coerce=lambda v: v == "1",
    )
    how = forms.ChoiceField(label=_("Forma"), choices=ConsentHow.choices)
    witness = forms.CharField(label=_("Testemunha (se verbal)"), max_length=200, required=False)
    by_guardian = forms.BooleanField(label=_("Dado pelo responsável ou Conselho Tutelar"), required=False)


class ReferralForm(forms.Form):
    to_unit = forms.ModelChoiceField(Unit.objects.none(), label=_("Unidade de destino"), required=False)
    external_body = forms.CharField(
        label=_("Ou órgão fora da plataforma"), max_length=300, required=False, help_text=_("Recebe carta em PDF.")
    )
    purpose = forms.ChoiceField(label=_("Finalidade do compartilhamento"), choices=REFERRAL_PURPOSES)
    service = forms.ChoiceField(label=_("Serviço solicitado"), choices=UnitService.choices)
    request = forms.CharField(label=_("O que se pede"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    profile = forms.ChoiceField(label=_("Perfil de compartilhamento"), choices=SharingProfile.choices)
    urgent = forms.BooleanField(label=_("Urgente (resposta em 24 horas)"), required=False)
    transfer_requested = forms.BooleanField(label=_("Pedir transferência da responsabilidade"), required=False)
    police_report_number = forms.CharField(label=_("Nº do boletim de ocorrência"), max_length=60, required=False)
    inquiry_number = forms.CharField(label=_("Nº do inquérito"), max_length=60, required=False)
    non_criminalisation = forms.BooleanField(
        label=_("Não criminalização da vítima (item 5.1)"), required=False, initial=True
    )
    override_reason = forms.CharField(
        label=_("Justificativa para encaminhar sem consentimento"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Só com permissão específica; fica registrada e visível à coordenação."),
    )

    def __init__(self, *args, exclude_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(active=True).exclude(kind__in=[UnitKind.OTHER]).order_by("name")
        if exclude_unit is not None:
            units = units.exclude(pk=exclude_unit)
        self.fields["to_unit"].queryset = units


class RefuseForm(forms.Form):
    refusal_reason = forms.ChoiceField(label=_("Motivo da recusa"), choices=BLANK + RefusalReason.choices)
    refusal_note = forms.CharField(label=_("Explicação"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ConcludeForm(forms.Form):
    completion_note = forms.CharField(label=_("Nota de conclusão"), widget=forms.Textarea(attrs={"rows": 3}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Motivo da revogação"), widget=forms.Textarea(attrs={"rows": 2}))


class HearingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=Hearing.Kind.choices)
    scheduled_for = forms.DateTimeField(
        label=_("Data e hora"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    body = forms.CharField(label=_("Órgão"), max_length=200)
    support_person = forms.CharField(label=_("Pessoa de apoio (profissional)"), max_length=200, required=False)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("Motivo do encerramento"), choices=BLANK + ClosureReason.choices)


class ServiceReceivedForm(forms.Form):
    service = forms.ChoiceField(label=_("Serviço"), choices=BLANK + UnitService.choices)
    unit = forms.ModelChoiceField(
        Unit.objects.none(), label=_("Unidade que prestou"), required=False, help_text=_("Opcional.")
    )
    started_on = forms.DateField(
        label=_("Início"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Data no formato dd/mm/aaaa."),
    )
    ended_on = forms.DateField(
        label=_("Fim"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Deixe em branco se o serviço continua."),
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
