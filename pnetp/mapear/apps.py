from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapearConfig(AppConfig):
    name = "pnetp.mapear"
    label = "mapear"
    verbose_name = _("Projeto Mapear")
