"""Protected releases kept in the database, so public pages read numbers instead of recomputing them.

Protection (secondary suppression and its audit) takes seconds to minutes on real data; it runs once per
change of the data (``pnetp sisetp publish-statistics`` or a background recompute) and every page, download
and report reads the latest stored version — only the tables it shows (one ``ReleasePart`` per table, shared
between versions when unchanged). Only public values are stored: a suppressed number is null.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseVersion(models.Model):
    """One consistent release: its parts (``VersionPart``) are written with it in one transaction, so a reader
    that finds the version finds all of them; the latest version of a name is the current one."""

    name = models.CharField(_("nome"), max_length=50, db_index=True, help_text=_("Conjunto de tabelas, ex.: sisetp."))
    fingerprint = models.CharField(
        _("impressão digital"), max_length=64, help_text=_("Resumo dos dados de que a divulgação foi calculada.")
    )
    created_at = models.DateTimeField(_("calculada em"), default=timezone.now, db_index=True)
    k = models.PositiveSmallIntegerField(_("limiar k"))
    skeleton = models.JSONField(
        _("estrutura"), help_text=_("A divulgação sem as tabelas: cada tabela é a referência a uma parte.")
    )
    seconds = models.FloatField(_("segundos de cálculo"), default=0)

    class Meta:
        verbose_name = _("versão de divulgação")
        verbose_name_plural = _("versões de divulgação")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} {self.created_at:%Y-%m-%d %H:%M}"


class ReleasePart(models.Model):
    """One protected table (or a record the next computation reuses), stored once by the digest of its JSON
    and shared by every version that publishes the same content."""

    digest = models.CharField(_("resumo"), max_length=64, unique=True)
    size = models.PositiveIntegerField(_("bytes"))
    payload = models.JSONField(_("conteúdo"), help_text=_("Só valores públicos; suprimidos são nulos."))

    class Meta:
        verbose_name = _("parte de divulgação")
        verbose_name_plural = _("partes de divulgação")

    def __str__(self) -> str:
        return self.digest[:12]


class VersionPart(models.Model):
    version = models.ForeignKey(ReleaseVersion, on_delete=models.CASCADE, related_name="parts")
    name = models.CharField(_("nome"), max_length=200)
    part = models.ForeignKey(ReleasePart, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("parte de uma versão")
        verbose_name_plural = _("partes de uma versão")
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="disclosure_version_part_unique")]

    def __str__(self) -> str:
        return self.name


class ReleaseLock(models.Model):
    """One row while a release is being recomputed, so concurrent requests and processes start only one."""

    name = models.CharField(_("nome"), max_length=50, unique=True)
    started_at = models.DateTimeField(_("início"), default=timezone.now)

    class Meta:
        verbose_name = _("cálculo de divulgação em andamento")
        verbose_name_plural = _("cálculos de divulgação em andamento")
