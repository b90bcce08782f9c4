"""Log of reminder e-mails, so ``pnetp send-reminders`` sends each kind at most once a day."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    class Kind(models.TextChoices):
        REMINDER = "reminder", _("Lembrete antes do prazo")
        OVERDUE = "overdue", _("Aviso de atraso")
        ESCALATION = "escalation", _("Escalonamento à coordenação")

    cycle = models.ForeignKey(
        "monitoring.MonitoringCycle", verbose_name=_("ciclo"), on_delete=models.CASCADE, related_name="sent_reminders"
    )
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("instituição"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("tipo"), max_length=12, choices=Kind.choices)
    sent_on = models.DateField(_("data de referência"))
    recipients = models.TextField(_("destinatários"))
    activity_codes = models.TextField(_("atividades"))
    created_at = models.DateTimeField(_("enviado em"), auto_now_add=True)

    class Meta:
        verbose_name = _("lembrete enviado")
        verbose_name_plural = _("lembretes enviados")
        ordering = ["-sent_on", "cycle", "institution", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "institution", "kind", "sent_on"], name="reminder_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.sent_on:%d/%m/%Y}"
