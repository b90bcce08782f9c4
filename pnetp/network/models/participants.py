"""Participants of a training offering: counts by audience, sex and UF (public only in aggregate, small counts
suppressed), and an optional named list with certificates that is never public."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .registries import Audience


class Sex(models.TextChoices):
    FEMALE = "female", _("Feminino")
    MALE = "male", _("Masculino")
    UNKNOWN = "unknown", _("Não informado")


NO_UF = "--"  # participants abroad or whose UF was not recorded


class ParticipantCount(models.Model):
    """How many participants of one offering share an audience, a sex and a UF."""

    training = models.ForeignKey(
        "network.Training", verbose_name=_("capacitação"), on_delete=models.CASCADE, related_name="participant_counts"
    )
    audience = models.CharField(_("público"), max_length=30, choices=Audience.choices)
    sex = models.CharField(_("sexo"), max_length=10, choices=Sex.choices)
    uf = models.CharField(_("UF"), max_length=2, help_text=_("“--” para exterior ou não informada."))
    count = models.PositiveIntegerField(_("participantes"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contagem de participantes")
        verbose_name_plural = _("contagens de participantes")
        ordering = ["training", "audience", "sex", "uf"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "audience", "sex", "uf"], name="network_participant_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training}: {self.count}"


class Participant(models.Model):
    """One named participant: seen only by the offering's institution and the coordination, never public.
    A certificate exists once ``certificate_code`` is set (only for who completed)."""

    training = models.ForeignKey(
        "network.Training", verbose_name=_("capacitação"), on_delete=models.CASCADE, related_name="named_participants"
    )
    name = models.CharField(_("nome"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    institution_name = models.CharField(_("instituição"), max_length=200, blank=True)
    completed = models.BooleanField(_("concluiu"), default=False)
    certificate_code = models.CharField(_("código de verificação"), max_length=20, unique=True, null=True, blank=True)
    certificate_issued_on = models.DateField(_("certificado emitido em"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participante")
        verbose_name_plural = _("participantes")
        ordering = ["training", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(certificate_code__isnull=True) | models.Q(completed=True),
                name="network_certificate_needs_completion",
            )
        ]

    def __str__(self) -> str:
        return self.name
