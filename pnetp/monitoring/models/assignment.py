"""Who answers for each activity (Responsibility) and how its results are measured (Indicator)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..registry_sources import check_mapping


class Responsibility(models.Model):
    activity = models.OneToOneField(
        "plans.Activity", verbose_name=_("atividade"), on_delete=models.CASCADE, related_name="responsibility"
    )
    lead_institutions = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("instituições responsáveis"),
        related_name="led_responsibilities",
        blank=True,
    )
    partner_institutions = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("instituições parceiras"),
        related_name="partner_responsibilities",
        blank=True,
    )
    start_date = models.DateField(_("início"), null=True, blank=True)
    end_date = models.DateField(_("prazo final"), null=True, blank=True)
    deliverable = models.TextField(_("entrega esperada"), blank=True)
    weight = models.DecimalField(
        _("peso"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Peso da atividade no cálculo do progresso da ação, do eixo e do plano."),
    )
    history = HistoricalRecords(m2m_fields=["lead_institutions", "partner_institutions"])

    class Meta:
        verbose_name = _("responsabilidade")
        verbose_name_plural = _("responsabilidades")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=0), name="responsibility_weight_not_negative"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="responsibility_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.activity)

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("O prazo final não pode ser anterior ao início.")})


class Indicator(models.Model):
    class Direction(models.TextChoices):
        INCREASE = "increase", _("Aumentar")
        DECREASE = "decrease", _("Reduzir")
        MAINTAIN = "maintain", _("Manter")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Mensal")
        QUARTERLY = "quarterly", _("Trimestral")
        SEMIANNUAL = "semiannual", _("Semestral")
        ANNUAL = "annual", _("Anual")

    activity = models.ForeignKey(
        "plans.Activity", verbose_name=_("atividade"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("nome"), max_length=300)
    unit = models.CharField(_("unidade de medida"), max_length=80, blank=True)
    baseline_value = models.DecimalField(_("linha de base"), max_digits=16, decimal_places=4, null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("ano da linha de base"), null=True, blank=True)
    target_value = models.DecimalField(_("meta"), max_digits=16, decimal_places=4, null=True, blank=True)
    direction = models.CharField(_("sentido"), max_length=10, choices=Direction.choices, default=Direction.INCREASE)
    frequency = models.CharField(
        _("periodicidade de apuração"), max_length=12, choices=Frequency.choices, default=Frequency.SEMIANNUAL
    )
    # A count of another app's registry fills the value of each cycle (monitoring.registry_sources).
    registry_source = models.CharField(_("preencher a partir do registro"), max_length=40, blank=True)
    registry_param = models.CharField(_("filtro do registro"), max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")
        ordering = ["activity", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = check_mapping(self.registry_source, self.registry_param)
        if self.baseline_value is not None and not self.baseline_year:
            errors["baseline_year"] = _("Informe o ano da linha de base.")
        if errors:
            raise ValidationError(errors)
