from django import forms
from django.utils.translation import gettext_lazy as _


class PlaceLookupForm(forms.Form):
    q = forms.CharField(
        label=_("Município"),
        max_length=120,
        help_text=_("Nome com ou sem acentos, com a UF se houver mais de um (ex.: Bom Jesus/PI), ou código IBGE."),
    )
