"""Flows as data (2.2.2, 2.2.5): a versioned template of stages, each with the kinds of unit responsible.

A state or municipality adapts a national template by copying it (``parent``) into its own version.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FlowTemplate(models.Model):
    slug = models.SlugField(_("identificador"), max_length=80)
    version = models.PositiveSmallIntegerField(_("versão"), default=1)
    title = models.CharField(_("título"), max_length=200)
    description = models.TextField(_("descrição"), blank=True)
    legal_basis = models.CharField(_("base normativa"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("adaptado de"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adaptations",
    )
    federative_unit = models.ForeignKey(
        "territory.FederativeUnit",
        verbose_name=_("UF"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("município"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField(_("vigente"), default=True)

    class Meta:
        verbose_name = _("fluxo")
        verbose_name_plural = _("fluxos")
        ordering = ["slug", "-version"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="referrals_flow_slug_version")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class FlowStage(models.Model):
    flow = models.ForeignKey(FlowTemplate, on_delete=models.CASCADE, related_name="stages")
    order = models.PositiveSmallIntegerField(_("ordem"))
    name = models.CharField(_("nome"), max_length=200)
    description = models.TextField(_("descrição"), blank=True)
    unit_kinds = models.JSONField(_("tipos de unidade responsáveis"), default=list)
    deadline_days = models.PositiveSmallIntegerField(_("prazo (dias)"), null=True, blank=True)

    class Meta:
        verbose_name = _("etapa do fluxo")
        verbose_name_plural = _("etapas do fluxo")
        ordering = ["flow", "order"]
        constraints = [models.UniqueConstraint(fields=["flow", "order"], name="referrals_stage_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
