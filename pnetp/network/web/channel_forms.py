"""Form of the report-channel editor (the coordination's pages of "Onde denunciar")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.territory.models import Country

from ..models import Channel


class ChannelForm(forms.ModelForm):
    # A plain text field: tel: and mailto: links are valid here (the service checks the scheme).
    link = forms.CharField(
        label=_("Link"), required=False, max_length=200,
        help_text=_("tel:100, mailto:endereco@exemplo.gov.br ou https://…, para tocar e abrir."),
    )  # fmt: skip
    countries = forms.ModelMultipleChoiceField(
        label=_("Países atendidos"), required=False, queryset=Country.objects.order_by("name"),
        help_text=_("Obrigatório para canais no exterior. Segure Ctrl para escolher mais de um."),
    )  # fmt: skip

    class Meta:
        model = Channel
        fields = [
            "name", "kind", "contact", "link", "description", "hours", "languages", "libras", "free_of_charge",
            "scope", "countries", "institution", "responsible", "active",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"languages": _("Por exemplo: português, espanhol, Libras.")}

    def _post_clean(self):
        # Validation is the service's (channel_create/channel_update), so the rules live in one place.
        pass
