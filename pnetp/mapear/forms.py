from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.territory.models import FederativeUnit

from .models import ATTRIBUTES, RiskGrade

MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a national survey (≈18,000 points) is about 3 MB


class PointFilterForm(forms.Form):
    edicao = forms.TypedChoiceField(label=_("Edição"), required=False, coerce=int, empty_value=None)
    uf = forms.ModelChoiceField(
        label=_("UF"),
        required=False,
        queryset=FederativeUnit.objects.order_by("name"),
        empty_label=_("Todas"),
        to_field_name="abbreviation",
    )
    highway = forms.ChoiceField(label=_("Rodovia"), required=False)
    grades = forms.MultipleChoiceField(
        label=_("Grau de risco"), required=False, choices=RiskGrade.choices, widget=forms.CheckboxSelectMultiple
    )
    attributes = forms.MultipleChoiceField(
        label=_("Observado no ponto"),
        required=False,
        choices=[(name, label) for name, _column, label in ATTRIBUTES],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, highways=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edicao"].choices = [("", _("Mais recente"))] + [(y, y) for y in years]
        self.fields["highway"].choices = [("", _("Todas"))] + [(h, h) for h in highways]


class MapearImportForm(forms.Form):
    file = forms.FileField(
        label=_("Arquivo CSV"),
        help_text=_("UTF-8 ou Windows-1252; vírgula ou ponto e vírgula como separador."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    year = forms.IntegerField(label=_("Ano da edição"), min_value=2003, max_value=2100)
    dry_run = forms.BooleanField(label=_("Apenas validar, sem gravar"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("O arquivo deve ter no máximo 10 MB."))
        return upload
