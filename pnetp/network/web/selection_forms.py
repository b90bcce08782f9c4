"""Forms of the selection process pages: the call (edital) and a registered organisation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..cnpj import clean_cnpj, format_cnpj
from ..models import Candidate, CandidateStatus, SelectionProcess

DATE = {"type": "date"}


class SelectionProcessForm(forms.ModelForm):
    call_url = forms.URLField(label=_("Link do edital"), required=False, assume_scheme="https")

    class Meta:
        model = SelectionProcess
        fields = [
            "title", "call_number", "call_url", "registration_start", "registration_end", "election_date",
            "holder_seats", "alternate_seats", "term_start", "term_end",
        ]  # fmt: skip
        widgets = {
            name: forms.DateInput(attrs=DATE, format="%Y-%m-%d")
            for name in ("registration_start", "registration_end", "election_date", "term_start", "term_end")
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("registration_start"), data.get("registration_end")
        if start and end and end < start:
            self.add_error("registration_end", _("O fim das inscrições não pode ser anterior ao início."))
        if data.get("term_start") and data.get("term_end") and data["term_end"] < data["term_start"]:
            self.add_error("term_end", _("O fim do mandato não pode ser anterior ao início."))
        if data.get("holder_seats") == 0:
            self.add_error("holder_seats", _("Ofereça ao menos uma vaga de titular."))
        return data


class CandidateForm(forms.ModelForm):
    cnpj = forms.CharField(label=_("CNPJ"), max_length=18, help_text=_("Por exemplo 11.222.333/0001-81."))

    class Meta:
        model = Candidate
        fields = [
            "name",
            "acronym",
            "cnpj",
            "institution",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
            "reason",
        ]
        help_texts = {
            "institution": _("Se a organização já está no cadastro de instituições; senão, é cadastrada ao encerrar.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["cnpj"] = format_cnpj(self.instance.cnpj)

    def clean_cnpj(self):
        return clean_cnpj(self.cleaned_data["cnpj"])

    def clean(self):
        data = super().clean()
        if data.get("status") == CandidateStatus.DISQUALIFIED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Informe o motivo da inabilitação."))
        return data

    def validate_unique(self):
        """The process is set by the service; uniqueness of the CNPJ is checked there (and by the database)."""
