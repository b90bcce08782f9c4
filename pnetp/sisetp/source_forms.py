"""The data source form: the municipality is typed by its IBGE code (never a <select> of 5,570 names)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.territory.models import Municipality

from .models import DataSource
from .services.mappings import standard_choices

DATE_FORMAT = "%d/%m/%Y"


class BrazilianDateField(forms.DateField):
    """dd/mm/aaaa; the error says the expected format."""

    default_error_messages = {"invalid": _("Data inválida: use dd/mm/aaaa (por exemplo, 31/12/2024).")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [DATE_FORMAT])
        kwargs.setdefault("widget", forms.DateInput(format=DATE_FORMAT, attrs={"placeholder": "dd/mm/aaaa"}))
        super().__init__(**kwargs)


class DataSourceForm(forms.ModelForm):
    municipality_code = forms.CharField(
        label=_("Município (código IBGE)"),
        required=False,
        max_length=7,
        help_text=_("Nas fontes municipais: os 7 dígitos do código IBGE, por exemplo 3550308 para São Paulo."),
    )
    period_start = BrazilianDateField(
        label=_("Início do período"), required=False, help_text=_("Data do registro mais antigo disponível.")
    )
    period_end = BrazilianDateField(
        label=_("Fim do período"),
        required=False,
        help_text=_("Data do registro mais recente; vazio se a fonte segue ativa."),
    )

    class Meta:
        model = DataSource
        fields = [
            "name", "slug", "institution", "system", "coverage", "federative_unit", "municipality_code",
            "period_start", "period_end", "contact_name", "contact_email", "active",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = self.fields["institution"].queryset.order_by("acronym")
        self.fields["institution"].empty_label = _("Escolha a instituição")
        self.fields["federative_unit"].empty_label = _("Nenhuma (fonte nacional ou de serviço)")
        self.fields["coverage"].choices = [c for c in self.fields["coverage"].choices if c[0]]
        if self.instance.municipality_id:
            self.initial["municipality_code"] = self.instance.municipality.ibge_code

    def clean_municipality_code(self):
        code = self.cleaned_data["municipality_code"].strip()
        if not code:
            return None
        municipality = Municipality.objects.filter(ibge_code=code).first() if code.isdigit() else None
        if municipality is None:
            raise forms.ValidationError(_("Código IBGE de município inexistente: %(code)s.") % {"code": code})
        return municipality

    def _post_clean(self):
        self.instance.municipality = self.cleaned_data.get("municipality_code")
        super()._post_clean()


class ColumnMappingForm(forms.Form):
    """One entry of a source's mapping; the rules (duplicates, unknown columns) are the service's."""

    source_column = forms.CharField(
        label=_("Coluna na planilha da fonte"),
        max_length=200,
        help_text=_("O nome exato do cabeçalho, como aparece no arquivo da fonte (por exemplo, num_caso)."),
    )
    standard_column = forms.ChoiceField(
        label=_("Coluna do leiaute padrão"),
        help_text=_("Para onde vão os valores dessa coluna na importação."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard_column"].choices = [("", _("Selecione"))] + standard_choices()
        self.fields["standard_column"].error_messages["invalid_choice"] = _(
            "“%(value)s” não é uma coluna do leiaute padrão."
        )


class HeaderPreviewForm(forms.Form):
    header = forms.CharField(
        label=_("Cabeçalho de exemplo"),
        max_length=5000,
        required=False,
        help_text=_("Cole a primeira linha do arquivo da fonte (colunas separadas por vírgula ou ponto e vírgula)."),
    )
