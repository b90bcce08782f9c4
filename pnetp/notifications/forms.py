from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Como receber as notificações por e-mail"),
        choices=NotificationPreference.Delivery.choices,
        widget=forms.RadioSelect,
    )
