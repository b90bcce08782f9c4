from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from .cpf import is_valid_cpf, normalize_cpf
from .models import Role, User


def cpf_field() -> forms.CharField:
    # 14 characters so the usual "000.000.000-00" form is accepted; it is stored as 11 digits.
    return forms.CharField(label=_("CPF"), max_length=14, required=False, help_text=_("Usado no login gov.br."))


class CpfFormMixin:
    """Stores the CPF as 11 digits, so the future gov.br login (``sub`` = CPF) matches exactly."""

    def clean_cpf(self):
        value = self.cleaned_data.get("cpf")
        if not value:
            return None
        if not is_valid_cpf(value):
            raise forms.ValidationError(_("CPF inválido."))
        return normalize_cpf(value)


class UserAdminChangeForm(CpfFormMixin, UserChangeForm):
    cpf = cpf_field()

    class Meta(UserChangeForm.Meta):
        model = User


class UserAdminCreationForm(CpfFormMixin, AdminUserCreationForm):
    cpf = cpf_field()

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "role", "institution", "cpf")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Código"),
        max_length=20,
        help_text=_("Os 6 dígitos do aplicativo autenticador, ou um dos códigos de recuperação."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "email")


class InviteForm(CpfFormMixin, forms.ModelForm):
    cpf = cpf_field()

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "role", "institution", "cpf")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["role"].required = True


class RoleForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("role", "institution")

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.FOCAL_POINT and not data.get("institution"):
            self.add_error("institution", _("Um ponto focal precisa pertencer a uma instituição."))
        return data
