from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pnetp.accounts.models import Role, User
from pnetp.institutions.models import Institution

from ..models import DataSource, IdentityAccessGrant, IdentityAccessLog


class GrantRequestForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Quem poderá ler"),
        queryset=User.objects.none(),
        help_text=_("Pessoa da instituição que mantém os dados (analistas nunca leem identidades)."),
    )
    source = forms.ModelChoiceField(label=_("Fonte"), queryset=DataSource.objects.none(), required=False)
    institution = forms.ModelChoiceField(
        label=_("Ou todas as fontes da instituição"), queryset=Institution.objects.none(), required=False
    )
    purpose = forms.CharField(label=_("Finalidade"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    valid_until = forms.DateField(
        label=_("Válida até"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, requester=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True, institution__isnull=False).exclude(role=Role.ANALYST)
        if requester is not None:
            people = people.exclude(pk=requester.pk)  # nobody asks for themselves
        self.fields["user"].queryset = people.select_related("institution").order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.institution})"
        self.fields["source"].queryset = DataSource.objects.select_related("institution").order_by("name")
        self.fields["institution"].queryset = Institution.objects.filter(data_sources__isnull=False).distinct()

    def clean(self):
        data = super().clean()
        if bool(data.get("source")) == bool(data.get("institution")):
            raise forms.ValidationError(_("Escolha uma fonte ou uma instituição como escopo, não as duas."))
        if data.get("valid_until") and data["valid_until"] < timezone.localdate():
            self.add_error("valid_until", _("A data final já passou."))
        return data


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("Motivo da recusa"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class LogFilterForm(forms.Form):
    username = forms.CharField(label=_("Usuário"), max_length=150, required=False)
    action = forms.ChoiceField(
        label=_("Ação"), required=False, choices=[("", _("Todas"))] + IdentityAccessLog.Action.choices
    )
    granted = forms.ChoiceField(
        label=_("Resultado"), required=False, choices=[("", _("Todos")), ("1", _("Permitido")), ("0", _("Recusado"))]
    )
    since = forms.DateField(label=_("De"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Até"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    grant = forms.IntegerField(label=_("Autorização nº"), required=False, min_value=1)


class GrantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Situação"), required=False, choices=[("", _("Todas"))] + IdentityAccessGrant.Status.choices
    )
