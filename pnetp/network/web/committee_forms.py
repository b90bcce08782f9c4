"""Forms of the committee management pages: committee, seat (edit, end), agenda item, decision status."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.plans.models import Activity
from pnetp.plans.queries import featured_plan
from pnetp.territory.models import Municipality

from ..models import AgendaItem, Committee, DecisionStatus, Seat

DATE = {"type": "date"}


def parse_activity_codes(text: str) -> list[Activity]:
    """Activities of the national plan from "1.1.1, 1.1.3"; a ValidationError names the codes not found."""
    codes = list(dict.fromkeys(c.strip() for c in text.split(",") if c.strip()))
    plan = featured_plan(None)
    found = {a.code: a for a in Activity.objects.filter(plan=plan, code__in=codes)} if plan else {}
    missing = [c for c in codes if c not in found]
    if missing:
        raise forms.ValidationError(
            _("Atividades não encontradas no plano nacional: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    return [found[c] for c in codes]


class ActivityCodesField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Atividades do plano nacional (códigos)"))
        kwargs.setdefault("help_text", _("Separados por vírgula, por exemplo 1.1.1, 1.1.3."))
        super().__init__(required=False, max_length=300, **kwargs)

    def clean(self, value):
        return parse_activity_codes(super().clean(value))


class CommitteeForm(forms.ModelForm):
    municipality = forms.ModelChoiceField(
        label=_("Município (código IBGE)"),
        required=False,
        queryset=Municipality.objects.all(),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Só para comitê municipal: o código IBGE de 7 dígitos, por exemplo 3550308."),
        error_messages={"invalid_choice": _("Código IBGE de município inexistente.")},
    )
    act_url = forms.URLField(label=_("Link do ato"), required=False, assume_scheme="https")

    class Meta:
        model = Committee
        fields = [
            "name", "acronym", "slug", "kind", "uf", "municipality", "act_name", "act_date", "act_url", "secretariat",
            "rules", "parity_government", "parity_civil_society", "parity_act", "meeting_every_months",
            "quorum_percent", "active",
        ]  # fmt: skip
        widgets = {
            "act_date": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "rules": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"slug": _("Parte do endereço da página: letras minúsculas, números e hífens (ex.: cetrap-pa).")}

    def clean_meeting_every_months(self):
        months = self.cleaned_data["meeting_every_months"]
        if not 1 <= months <= 12:
            raise forms.ValidationError(_("Informe de 1 a 12 meses."))
        return months

    def clean_quorum_percent(self):
        percent = self.cleaned_data["quorum_percent"]
        if percent > 100:
            raise forms.ValidationError(_("Informe uma porcentagem de 0 a 100."))
        return percent


class SeatEditForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = [
            "segment",
            "role",
            "institution",
            "person_name",
            "position",
            "term_start",
            "term_end",
            "designation_act",
        ]
        widgets = {
            "term_start": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "term_end": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end < start:
            self.add_error("term_end", _("O fim do mandato não pode ser anterior ao início."))
        return data


class SeatEndForm(forms.Form):
    end_date = forms.DateField(label=_("Data da saída"), widget=forms.DateInput(attrs=DATE))
    reason = forms.CharField(
        label=_("Motivo da saída"), max_length=300, help_text=_("Por exemplo: renúncia, fim do mandato, substituição.")
    )

    def __init__(self, *args, seat: Seat, **kwargs):
        super().__init__(*args, **kwargs)
        self.seat = seat

    def clean_end_date(self):
        day = self.cleaned_data["end_date"]
        if day < self.seat.term_start:
            raise forms.ValidationError(_("A saída não pode ser anterior ao início do mandato."))
        return day


class AgendaItemForm(forms.ModelForm):
    activities = ActivityCodesField()

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["activities"] = ", ".join(a.code for a in self.instance.activities.order_by("position"))


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Situação"), choices=DecisionStatus.choices)
    note = forms.CharField(
        label=_("Nota"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("O que foi feito ou falta fazer. Obrigatória ao cancelar."),
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("status") == DecisionStatus.CANCELLED and not data.get("note", "").strip():
            self.add_error("note", _("Explique por que a deliberação foi cancelada."))
        return data
