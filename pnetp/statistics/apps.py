from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    """The public SISETP statistics. Depends on ``sisetp`` (its records), never the reverse: its subcommands of
    ``pnetp sisetp`` are registered here, and ``pnetp demo`` publishes through ``statistics.demo.load``."""

    name = "pnetp.statistics"
    label = "statistics"
    verbose_name = _("SISETP – estatísticas públicas")

    def ready(self):
        from pnetp.sisetp import cli

        cli.register("pnetp.statistics.cli.publish_cmd", "pnetp.statistics.cli.flows_cmd")
