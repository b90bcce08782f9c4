from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "pnetp.accounts"
    label = "accounts"
    verbose_name = _("Contas e perfis")

    def ready(self):
        from . import signals  # noqa: F401 - connects the sign-in receivers
