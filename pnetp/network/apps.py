from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "pnetp.network"
    label = "network"
    verbose_name = _("Rede de enfrentamento")

    def ready(self):
        from .indicator_sources import register_all  # models are loaded only now

        register_all()
