from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pnetp.core"
    label = "core"
    verbose_name = _("Núcleo")

    def ready(self):
        from . import checks, page_cache  # noqa: F401  (registers the system checks)

        page_cache.connect_signals()
