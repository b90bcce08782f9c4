"""The upload form of the web import page."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from pnetp.core.limits import BoundedUpload

from ..models import DataSource, Layout
from ..permissions import importable_sources
from .mappings import check_mapping


class ImportForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Fonte de dados"), queryset=DataSource.objects.none(), help_text=_("A fonte que enviou o arquivo.")
    )
    layout = forms.ChoiceField(label=_("Leiaute"), choices=Layout.choices, help_text=_("Formato do arquivo."))
    file = forms.FileField(
        label=_("Arquivo de casos"),
        help_text=_("CSV (vírgula ou ponto e vírgula) ou XLSX."),
        validators=[BoundedUpload("sisetp")],
    )
    identity_file = forms.FileField(
        label=_("Arquivo de identidades"),
        required=False,
        validators=[BoundedUpload("sisetp")],
        help_text=_("Opcional, só no leiaute padrão: identidades.csv, gravado cifrado."),
    )
    mapping_file = forms.FileField(
        label=_("Mapeamento do leiaute próprio (JSON)"),
        required=False,
        validators=[BoundedUpload("office")],
        help_text=_(
            'Só no leiaute próprio: {"columns": {coluna da fonte: coluna do padrão}, "values": {...}, '
            '"constants": {...}}. Fica salvo para a fonte e vale para os próximos arquivos.'
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = DataSource.objects.filter(pk__in=[s.pk for s in importable_sources(user)])

    def clean(self):
        data = super().clean()
        if data.get("identity_file") and data.get("layout") != Layout.STANDARD:
            self.add_error("identity_file", _("O arquivo de identidades só é aceito no leiaute padrão."))
        upload = data.get("mapping_file")
        if upload:
            if data.get("layout") != Layout.CUSTOM:
                self.add_error("mapping_file", _("O mapeamento só vale para o leiaute próprio da fonte."))
            else:
                try:
                    data["mapping"] = check_mapping(json.loads(upload.read().decode("utf-8")))
                except (ValueError, UnicodeDecodeError) as error:
                    self.add_error("mapping_file", _("Mapeamento inválido: %(error)s") % {"error": error})
        elif data.get("layout") == Layout.CUSTOM and data.get("source") and not hasattr(data["source"], "mapping"):
            self.add_error("mapping_file", _("A fonte ainda não tem mapeamento salvo: envie o JSON."))
        return data
