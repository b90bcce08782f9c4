from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """ "Meu painel": the page after sign-in, composed from every app's worklist (so it sits above them all)."""

    name = "pnetp.workspace"
    label = "workspace"
    verbose_name = _("Meu painel")
