"""Reminders sent to a committee's secretariat about a seat's term ending: one row per seat and threshold."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .committees import Seat


class TermReminder(models.Model):
    """The reminder that ``seat``'s term ends within ``days`` days went out (at most once: the unique pair)."""

    seat = models.ForeignKey(Seat, verbose_name=_("assento"), on_delete=models.CASCADE, related_name="term_reminders")
    days = models.PositiveSmallIntegerField(_("antecedência (dias)"))
    term_end = models.DateField(_("fim do mandato lembrado"))
    sent_at = models.DateTimeField(_("enviado em"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("destinatários"), default=0)

    class Meta:
        verbose_name = _("lembrete de fim de mandato")
        verbose_name_plural = _("lembretes de fim de mandato")
        constraints = [
            models.UniqueConstraint(fields=["seat", "days", "term_end"], name="network_term_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.seat} — {self.days} d"
