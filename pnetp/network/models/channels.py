"""Report channels ("Onde denunciar", activity 4.5.1): phone lines, apps, sites, e-mail and WhatsApp numbers."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("Telefone")
    APP = "app", _("Aplicativo")
    SITE = "site", _("Sítio na internet")
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")


class ChannelScope(models.TextChoices):
    NATIONAL = "national", _("Nacional")
    INTERNATIONAL = "international", _("Internacional")


class Channel(models.Model):
    name = models.CharField(_("nome"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=20, choices=ChannelKind.choices)
    contact = models.CharField(
        _("contato"), max_length=300, help_text=_("Número, endereço do sítio, e-mail ou nome do aplicativo.")
    )
    link = models.URLField(_("link"), blank=True, help_text=_("tel:, https:// ou mailto:, para tocar e abrir."))
    description = models.TextField(_("o que recebe"), blank=True)
    hours = models.CharField(_("horário"), max_length=200, blank=True)
    languages = models.CharField(_("idiomas"), max_length=200, blank=True)
    libras = models.BooleanField(_("atendimento em Libras"), default=False)
    free_of_charge = models.BooleanField(_("gratuito"), default=True)
    scope = models.CharField(_("abrangência"), max_length=20, choices=ChannelScope.choices)
    countries = models.ManyToManyField(
        "territory.Country", verbose_name=_("países atendidos"), blank=True, related_name="report_channels"
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição responsável"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_channels",
    )
    responsible = models.CharField(
        _("responsável (se não cadastrado)"),
        max_length=200,
        blank=True,
        help_text=_("Por exemplo, um órgão estrangeiro."),
    )
    order = models.PositiveSmallIntegerField(_("ordem"), default=100)
    active = models.BooleanField(_("ativo"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("canal de denúncia")
        verbose_name_plural = _("canais de denúncia")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def responsible_name(self) -> str:
        return str(self.institution) if self.institution_id else self.responsible
