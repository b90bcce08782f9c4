from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "pnetp.disclosure"
    label = "disclosure"
    verbose_name = _("Controle de divulgação")
    default_auto_field = "django.db.models.BigAutoField"
