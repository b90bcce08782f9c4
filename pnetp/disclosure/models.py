"""Protected releases kept in the database, so public pages read numbers instead of recomputing them.

Protection (secondary suppression and its audit) takes seconds to minutes on real data; it runs once per
change of the data (``pnetp sisetp publish-statistics`` or a background recompute) and every page, download
and report reads the latest stored release. Only public values are stored: a suppressed number is null.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredRelease(models.Model):
    name = models.CharField(_("nome"), max_length=50, db_index=True, help_text=_("Conjunto de tabelas, ex.: sisetp."))
    fingerprint = models.CharField(
        _("impressão digital"), max_length=64, help_text=_("Resumo dos dados de que a divulgação foi calculada.")
    )
    created_at = models.DateTimeField(_("calculada em"), default=timezone.now, db_index=True)
    k = models.PositiveSmallIntegerField(_("limiar k"))
    tables = models.JSONField(_("tabelas protegidas"), help_text=_("Só valores públicos; suprimidos são nulos."))
    seconds = models.FloatField(_("segundos de cálculo"), default=0)

    class Meta:
        verbose_name = _("divulgação armazenada")
        verbose_name_plural = _("divulgações armazenadas")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} {self.created_at:%Y-%m-%d %H:%M}"


class ReleaseLock(models.Model):
    """One row while a release is being recomputed, so concurrent requests and processes start only one."""

    name = models.CharField(_("nome"), max_length=50, unique=True)
    started_at = models.DateTimeField(_("início"), default=timezone.now)

    class Meta:
        verbose_name = _("cálculo de divulgação em andamento")
        verbose_name_plural = _("cálculos de divulgação em andamento")
