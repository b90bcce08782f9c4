"""Monitoring cycles: the periods ("2025.1") for which institutions report progress."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MonitoringCycle(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Aberto")
        CLOSED = "closed", _("Encerrado")

    plan = models.ForeignKey("plans.Plan", verbose_name=_("plano"), on_delete=models.CASCADE, related_name="cycles")
    name = models.CharField(_("nome"), max_length=40, help_text=_("Por exemplo, 2025.1."))
    period_start = models.DateField(_("início do período"))
    period_end = models.DateField(_("fim do período"))
    reporting_deadline = models.DateField(_("prazo de envio dos relatórios"))
    state = models.CharField(_("estado"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aberto por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("aberto em"), auto_now_add=True)
    closed_at = models.DateTimeField(_("encerrado em"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ciclo de monitoramento")
        verbose_name_plural = _("ciclos de monitoramento")
        ordering = ["plan", "-period_end"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="cycle_name_unique_in_plan"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="cycle_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(reporting_deadline__gte=models.F("period_start")), name="cycle_deadline_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.name}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("O fim do período não pode ser anterior ao início.")})
        if self.period_start and self.reporting_deadline and self.reporting_deadline < self.period_start:
            raise ValidationError(
                {"reporting_deadline": _("O prazo de envio não pode ser anterior ao início do período.")}
            )
