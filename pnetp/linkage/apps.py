from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    """Unique persons over the SISETP records (record linkage and its clerical review). Depends on ``sisetp``
    (its records and identities), never the reverse: ``pnetp sisetp dedupe`` is registered here, and
    ``pnetp demo`` links through ``linkage.demo.load``. The tables keep their ``sisetp_`` names."""

    name = "pnetp.linkage"
    label = "linkage"
    verbose_name = _("SISETP – pessoas únicas (ligação de registros)")

    def ready(self):
        from pnetp.sisetp import cli

        cli.register("pnetp.linkage.cli.dedupe_cmd")
