"""Forms of the network pages: the directory filters, the unit editor, the CSV import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.plans.models import Activity
from pnetp.plans.queries import featured_plan
from pnetp.territory.models import FederativeUnit, Municipality

from ..models import AttendanceStatus, Decision, Meeting, Seat, Unit, UnitKind, UnitService
from ..selectors import DirectoryFilters

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
RESTRICTABLE_CHOICES = [
    ("address", _("Endereço")), ("latitude", _("Latitude")), ("longitude", _("Longitude")),
    ("phone", _("Telefone")), ("email", _("E-mail")), ("website", _("Sítio")),
    ("opening_hours", _("Horário de atendimento")), ("languages", _("Idiomas")), ("audience", _("Público atendido")),
]  # fmt: skip


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Nome ou município"), required=False, max_length=100)
    uf = forms.ModelChoiceField(
        label=_("UF"),
        required=False,
        queryset=FederativeUnit.objects.order_by("name"),
        empty_label=_("Todas"),
        to_field_name="abbreviation",
    )
    tipo = forms.ChoiceField(label=_("Tipo de unidade"), required=False, choices=[("", _("Todos")), *UnitKind.choices])
    servico = forms.ChoiceField(label=_("Serviço"), required=False, choices=[("", _("Todos")), *UnitService.choices])

    def filters(self) -> DirectoryFilters:
        if not self.is_valid():
            return DirectoryFilters()
        data = self.cleaned_data
        uf = data["uf"].abbreviation if data["uf"] else ""
        return DirectoryFilters(uf=uf, kind=data["tipo"], service=data["servico"], text=data["q"])


class UnitForm(forms.ModelForm):
    services = forms.MultipleChoiceField(
        label=_("Serviços oferecidos"), required=False, choices=UnitService.choices, widget=forms.CheckboxSelectMultiple
    )
    restricted_fields = forms.MultipleChoiceField(
        label=_("Campos restritos (nunca públicos)"),
        required=False,
        choices=RESTRICTABLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("O endereço e as coordenadas de serviços de acolhimento já são sempre restritos."),
    )
    website = forms.URLField(label=_("Sítio"), required=False, assume_scheme="https")
    municipality = forms.ModelChoiceField(
        label=_("Município (código IBGE)"),
        required=False,
        queryset=Municipality.objects.all(),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid_choice": _("Código IBGE de município inexistente.")},
    )

    class Meta:
        model = Unit
        fields = [
            "name", "kind", "institution", "services", "municipality", "country", "address", "latitude", "longitude",
            "phone", "email", "website", "opening_hours", "languages", "audience", "restricted_fields",
            "last_verified", "maintained_by", "active",
        ]  # fmt: skip
        widgets = {"last_verified": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    MULTIPLE = ("services", "restricted_fields")


class UnitImportForm(forms.Form):
    file = forms.FileField(
        label=_("Arquivo CSV"),
        help_text=_("UTF-8 ou Windows-1252; vírgula ou ponto e vírgula como separador; até 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(label=_("Apenas validar, sem gravar"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("O arquivo deve ter no máximo 5 MB."))
        return upload


class SeatForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = [
            "segment", "role", "institution", "person_name", "position", "term_start", "term_end", "designation_act",
        ]  # fmt: skip
        widgets = {
            "term_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "term_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "number", "starts_at", "ends_at", "mode", "location"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Texto da ata"), widget=forms.Textarea(attrs={"rows": 12}), max_length=100_000)


class MinutesApproveForm(forms.Form):
    approved_in = forms.ModelChoiceField(label=_("Aprovada na reunião"), queryset=Meeting.objects.none())

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        later = Meeting.objects.filter(committee=meeting.committee, starts_at__gt=meeting.starts_at)
        self.fields["approved_in"].queryset = later.select_related("committee").order_by("starts_at")


class DecisionForm(forms.ModelForm):
    activity_codes = forms.CharField(
        label=_("Atividades do plano nacional (códigos)"),
        required=False,
        max_length=300,
        help_text=_("Separados por vírgula, por exemplo 1.1.1, 1.1.3."),
    )

    class Meta:
        model = Decision
        fields = ["number", "text", "responsible", "deadline", "status"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_activity_codes(self):
        codes = [c.strip() for c in self.cleaned_data["activity_codes"].split(",") if c.strip()]
        plan = featured_plan(None)
        found = {a.code: a for a in Activity.objects.filter(plan=plan, code__in=codes)} if plan else {}
        missing = [c for c in codes if c not in found]
        if missing:
            raise forms.ValidationError(
                _("Atividades não encontradas no plano nacional: %(codes)s.") % {"codes": ", ".join(missing)}
            )
        return [found[c] for c in codes]


def attendance_form(seats, meeting, data=None):
    """One choice per seat in office, keyed ``seat_<pk>``, with an optional justification."""
    current = {a.seat_id: a for a in meeting.attendance.all()}
    fields = {}
    for seat in seats:
        initial = current.get(seat.pk)
        fields[f"seat_{seat.pk}"] = forms.ChoiceField(
            label=f"{seat.institution.acronym} — {seat.get_role_display()} ({seat.person_name or '—'})",
            choices=AttendanceStatus.choices,
            initial=initial.status if initial else AttendanceStatus.HOLDER_PRESENT,
        )
        fields[f"justification_{seat.pk}"] = forms.CharField(
            label=_("Justificativa"), required=False, max_length=300, initial=initial.justification if initial else ""
        )
    return type("AttendanceForm", (forms.Form,), fields)(data)
