from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SisetpConfig(AppConfig):
    name = "pnetp.sisetp"
    label = "sisetp"
    verbose_name = _("SISETP – dados de tráfico de pessoas")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks, signals  # noqa: F401 (registers checks and signal handlers)
        from .services.vocabulary import sync_terms_after_migrate

        post_migrate.connect(sync_terms_after_migrate, sender=self)
