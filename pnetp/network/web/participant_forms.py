"""Forms of the participants pages: one row of counts (a formset of them), a named participant, a code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.territory.models import FederativeUnit

from ..models import NO_UF, Audience, Sex
from ..services.participants import CountRow


def uf_choices():
    return [(NO_UF, _("Exterior ou não informada")),
            *FederativeUnit.objects.order_by("abbreviation").values_list("abbreviation", "abbreviation")]  # fmt: skip


class CountRowForm(forms.Form):
    audience = forms.ChoiceField(label=_("Público"), choices=[("", "—"), *Audience.choices], required=False)
    sex = forms.ChoiceField(label=_("Sexo"), choices=[("", "—"), *Sex.choices], required=False)
    uf = forms.ChoiceField(label=_("UF"), choices=(), required=False)
    count = forms.IntegerField(label=_("Participantes"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uf"].choices = [("", "—"), *uf_choices()]

    def clean(self):
        data = super().clean()
        given = [data.get(name) not in (None, "") for name in ("audience", "sex", "uf", "count")]
        if any(given) and not all(given):
            raise forms.ValidationError(_("Preencha público, sexo, UF e número, ou deixe a linha em branco."))
        return data

    def row(self) -> CountRow | None:
        data = self.cleaned_data
        if not data or data.get("count") in (None, ""):
            return None
        return CountRow(data["audience"], data["sex"], data["uf"], data["count"])


CountFormSet = forms.formset_factory(CountRowForm, extra=4, max_num=400, validate_max=True)


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Nome"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    institution_name = forms.CharField(label=_("Instituição"), max_length=200, required=False)
    completed = forms.BooleanField(label=_("Concluiu"), required=False)


class CertificateCodeForm(forms.Form):
    codigo = forms.CharField(label=_("Código de verificação"), max_length=30,
                             help_text=_("Como está no certificado, por exemplo ABCD-EFGH-JKMN."))  # fmt: skip
