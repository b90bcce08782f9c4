"""``collectstatic`` without the npm files no page uses (1,611 Font Awesome SVGs, the gov.br DS per-component
builds): fewer files to hash and compress on every deploy. Pages use the bundles (all.min.css, core.min.css)."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class PnetpStaticFilesConfig(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "svgs", "components", "less", "scss", "sprites"]
