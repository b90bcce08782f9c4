from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.core.text import clean_text

from .models import UF_CHOICES, Institution

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = ["acronym", "name", "kind", "uf", "parent", "website", "active"]

    website = forms.URLField(label=_("Sítio"), required=False, max_length=200, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Institution.objects.order_by("acronym")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["uf"].help_text = _("Obrigatória para instituições estaduais, distritais ou municipais.")

    def clean_acronym(self):
        acronym = clean_text(self.cleaned_data["acronym"])
        # Siglas are unique ignoring case, as the CSV import matches them.
        if Institution.objects.exclude(pk=self.instance.pk).filter(acronym__iexact=acronym).exists():
            message = _("Já existe uma instituição com a sigla “%(acronym)s”.")
            raise forms.ValidationError(message % {"acronym": acronym})
        return acronym

    def clean_name(self):
        return clean_text(self.cleaned_data["name"])


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(label=_("Nome ou sigla"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Natureza"), required=False, choices=[("", _("Todas"))] + Institution.Kind.choices)
    uf = forms.ChoiceField(label=_("UF"), required=False, choices=[("", _("Todas"))] + UF_CHOICES)


class InstitutionImportForm(forms.Form):
    file = forms.FileField(
        label=_("Arquivo CSV"),
        help_text=_(
            "Colunas sigla, nome, natureza, uf e orgao_superior; UTF-8 ou Windows-1252; vírgula ou ponto e vírgula."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    dry_run = forms.BooleanField(label=_("Apenas validar, sem gravar"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("O arquivo deve ter no máximo 2 MB."))
        return upload
