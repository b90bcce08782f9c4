"""Subcommands of ``pnetp sisetp`` that belong to the statistics (registered by ``StatisticsConfig.ready``)."""
