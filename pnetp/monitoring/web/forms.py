"""Forms of the monitoring pages. They only parse input; the services validate and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from pnetp.institutions.models import Institution
from pnetp.monitoring import registry_sources
from pnetp.monitoring.models import Indicator, StatusOption
from pnetp.monitoring.services.assignment import INDICATOR_FIELDS
from pnetp.monitoring.services.evidence_files import EVIDENCE_EXTENSIONS, MAX_EVIDENCE_BYTES, evidence_file_problem
from pnetp.monitoring.services.workflow import REPORT_FIELDS
from pnetp.plans.models import Plan

# The expected format in the message (a typed date that does not parse, e.g. 31/02/2025).
DATE_ERRORS = {"invalid": _("Data inválida: use dd/mm/aaaa, com dia e mês que existam.")}


def date_input():
    # type="date" needs ISO values; Django also accepts ISO input under pt-BR formats.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def decimal_input():
    return forms.TextInput(attrs={"inputmode": "decimal"})


def textarea(rows: int = 4):
    return forms.Textarea(attrs={"rows": rows})


def plain_decimal(value) -> str:
    """Decimal as a user types it in Brazil: "1234,5", not "1234.5000" nor "1E+2"."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


class BrDecimalField(forms.DecimalField):
    """Accepts Brazilian notation ("1.234,5", "1234,5") as well as "1234.5"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", decimal_input())
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and "," in value:
            value = value.strip().replace(".", "").replace(",", ".")
        return super().to_python(value)


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where the form has it, on top otherwise."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


class ReportForm(forms.Form):
    status = forms.ModelChoiceField(
        label=_("Situação da atividade"),
        queryset=StatusOption.objects.none(),
        required=False,
        empty_label=_("Selecione"),
        help_text=_("Obrigatória para enviar o relatório."),
    )
    percent_complete = forms.IntegerField(
        label=_("Percentual concluído"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("De 0 a 100. Em branco, vale o percentual padrão da situação."),
    )
    narrative = forms.CharField(label=_("Relato"), required=False, widget=textarea(6))
    difficulties = forms.CharField(label=_("Dificuldades"), required=False, widget=textarea())
    next_steps = forms.CharField(label=_("Próximos passos"), required=False, widget=textarea())

    def __init__(self, *args, report=None, indicators=(), values=None, fills=None, **kwargs):
        if report is not None:
            kwargs.setdefault("initial", {name: getattr(report, name) for name in self.base_fields})
            kwargs["initial"]["status"] = report.status_id
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = StatusOption.objects.filter(active=True)
        self.indicators = list(indicators)
        values = values or {}
        self.fills = fills or {}
        for indicator in self.indicators:
            current = values.get(indicator.pk)
            fill = self.fills.get(indicator.pk)
            unit = f" ({indicator.unit})" if indicator.unit else ""
            initial = current.value if current else None
            help_text = ""
            if fill is not None:
                # The registry's count for the period, unless the focal point already overrode it.
                if current is None or not current.overrides_registry:
                    initial = fill.value
                help_text = _(
                    "Preenchido a partir do registro “%(label)s”, em %(date)s: %(value)s. Para usar outro valor, "
                    "justifique na observação."
                ) % {
                    "label": fill.label,
                    "date": fill.filled_on.strftime("%d/%m/%Y"),
                    "value": plain_decimal(fill.value),
                }
            self.fields[f"value_{indicator.pk}"] = BrDecimalField(
                label=_("Valor apurado: %(name)s%(unit)s") % {"name": indicator.name, "unit": unit},
                max_digits=16,
                decimal_places=4,
                # There is no service to delete a value, so one given can be corrected but not emptied.
                required=current is not None or fill is not None,
                initial=plain_decimal(initial) if initial is not None else None,
                help_text=help_text,
            )
            self.fields[f"note_{indicator.pk}"] = forms.CharField(
                label=_("Observação sobre “%(name)s”") % {"name": indicator.name},
                required=False,
                widget=textarea(2),
                initial=current.note if current else "",
            )

    def clean(self):
        data = super().clean()
        for pk, fill in self.fills.items():
            value, note = data.get(f"value_{pk}"), data.get(f"note_{pk}", "")
            if value is not None and value != fill.value and not note.strip():
                self.add_error(f"note_{pk}", _("Justifique a alteração do valor preenchido a partir do registro."))
        return data

    def report_changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in REPORT_FIELDS}

    def indicator_values(self):
        """(indicator, value, note, fill) for every indicator given a value; ``fill`` is its registry count or None."""
        for indicator in self.indicators:
            value = self.cleaned_data.get(f"value_{indicator.pk}")
            if value is not None:
                yield indicator, value, self.cleaned_data.get(f"note_{indicator.pk}", ""), self.fills.get(indicator.pk)

    def report_fields(self):
        return [self[name] for name in REPORT_FIELDS]

    def indicator_fields(self):
        return [(i, self[f"value_{i.pk}"], self[f"note_{i.pk}"]) for i in self.indicators]


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Título"), max_length=300)
    file = forms.FileField(
        label=_("Arquivo"),
        required=False,
        help_text=_("Até %(size)s: PDF, documentos, planilhas, apresentações, CSV, TXT, PNG ou JPG.")
        % {"size": filesizeformat(MAX_EVIDENCE_BYTES)},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{ext}" for ext in EVIDENCE_EXTENSIONS)}),
    )
    url = forms.URLField(
        label=_("Ou endereço (URL)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Informe um arquivo ou um endereço, apenas um deles."),
    )
    is_public = forms.BooleanField(
        label=_("Evidência pública"),
        required=False,
        help_text=_("Depois da aprovação do relatório, qualquer pessoa poderá vê-la no portal."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        problem = evidence_file_problem(upload)  # the same rule the service (and so the API) applies
        if problem:
            raise ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise ValidationError(_("Informe um arquivo ou um endereço (URL), e apenas um deles."))
        return data


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivo da devolução"),
        widget=textarea(5),
        help_text=_("Diga o que a instituição precisa ajustar; ela verá este texto."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Novo comentário"), widget=textarea(3))


class CycleForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plano"), queryset=Plan.objects.order_by("-start_year", "title"))
    name = forms.CharField(label=_("Nome"), max_length=40, help_text=_("Por exemplo, 2025.1."))
    period_start = forms.DateField(error_messages=DATE_ERRORS, label=_("Início do período"), widget=date_input())
    period_end = forms.DateField(error_messages=DATE_ERRORS, label=_("Fim do período"), widget=date_input())
    reporting_deadline = forms.DateField(
        error_messages=DATE_ERRORS, label=_("Prazo de envio dos relatórios"), widget=date_input()
    )


def institution_choices():
    return Institution.objects.filter(active=True).order_by("acronym", "name")


class ResponsibilityForm(forms.Form):
    lead_institutions = forms.ModelMultipleChoiceField(
        label=_("Instituições responsáveis"),
        queryset=Institution.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Para escolher mais de uma, mantenha Ctrl (ou Cmd) pressionado."),
    )
    partner_institutions = forms.ModelMultipleChoiceField(
        label=_("Instituições parceiras"),
        queryset=Institution.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    start_date = forms.DateField(error_messages=DATE_ERRORS, label=_("Início"), required=False, widget=date_input())
    end_date = forms.DateField(error_messages=DATE_ERRORS, label=_("Prazo final"), required=False, widget=date_input())
    deliverable = forms.CharField(label=_("Entrega esperada"), required=False, widget=textarea(3))
    weight = BrDecimalField(
        label=_("Peso"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        help_text=_("Peso da atividade no cálculo do progresso da ação, do eixo e do plano."),
    )

    def __init__(self, *args, responsibility=None, **kwargs):
        if responsibility is not None:
            kwargs.setdefault(
                "initial",
                {
                    "lead_institutions": list(responsibility.lead_institutions.all()),
                    "partner_institutions": list(responsibility.partner_institutions.all()),
                    "start_date": responsibility.start_date,
                    "end_date": responsibility.end_date,
                    "deliverable": responsibility.deliverable,
                    "weight": plain_decimal(responsibility.weight),
                },
            )
        else:
            kwargs.setdefault("initial", {"weight": 1})
        super().__init__(*args, **kwargs)
        # Inactive institutions already assigned stay selectable, so saving does not drop them silently.
        initial = self.initial
        assigned = [i.pk for i in initial.get("lead_institutions", []) + initial.get("partner_institutions", [])]
        queryset = (institution_choices() | Institution.objects.filter(pk__in=assigned)).distinct()
        self.fields["lead_institutions"].queryset = queryset
        self.fields["partner_institutions"].queryset = queryset


class IndicatorForm(forms.ModelForm):
    registry_source = forms.ChoiceField(
        label=_("Preencher a partir do registro"), required=False,
        help_text=_("O valor de cada ciclo é preenchido com esta contagem no período do ciclo; o ponto focal pode "
                    "alterá-lo com justificativa."),
    )  # fmt: skip
    registry_param = forms.ChoiceField(label=_("Filtro do registro"), required=False,
                                       help_text=_("Só para registros que pedem um filtro (tipo de unidade, comitê)."))  # fmt: skip

    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        field_classes = {"baseline_value": BrDecimalField, "target_value": BrDecimalField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sources = registry_sources.sources()
        self.fields["registry_source"].choices = [("", _("Nenhum: valor informado pelo ponto focal")),
                                                  *((s.key, s.label) for s in sources)]  # fmt: skip
        self.fields["registry_param"].choices = [("", "—")] + [
            (s.label, registry_sources.param_choices(s)) for s in sources if s.param_choices
        ]
        for name in ("baseline_value", "target_value"):
            self.initial[name] = plain_decimal(self.initial.get(name))


class StatusOptionForm(forms.ModelForm):
    class Meta:
        model = StatusOption
        fields = ["label", "default_percent", "counts_toward_progress", "is_done", "order", "active"]

    def save(self, commit=True):
        # The slug names the option in spreadsheets and the API, so it is set once, from the first label.
        option = super().save(commit=False)
        if not option.slug:
            base = slugify(option.label)[:34] or "situacao"
            slug, n = base, 1
            while StatusOption.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            option.slug = slug
        if commit:
            option.save()
        return option
