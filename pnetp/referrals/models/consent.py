"""Consent per purpose (LGPD art. 11 and 14), with who recorded it, how, and its withdrawal."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import ConsentHow, Purpose


class Consent(models.Model):
    atendimento = models.ForeignKey("referrals.Atendimento", on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("finalidade"), max_length=20, choices=Purpose.choices)
    granted = models.BooleanField(_("consentiu"), help_text=_("Falso registra uma recusa expressa."))
    given_at = models.DateTimeField(_("registrado em"))
    how = models.CharField(_("forma"), max_length=10, choices=ConsentHow.choices)
    witness = models.CharField(_("testemunha"), max_length=200, blank=True)
    by_guardian = models.BooleanField(_("dado pelo responsável"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(_("revogado em"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("consentimento")
        verbose_name_plural = _("consentimentos")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("given_at")),
                name="referrals_consent_withdrawn_after_given",
            ),
            models.CheckConstraint(
                condition=~Q(how=ConsentHow.ORAL) | ~Q(witness=""),
                name="referrals_consent_oral_has_witness",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {'sim' if self.granted else 'não'}"

    @property
    def in_force(self) -> bool:
        return self.granted and self.withdrawn_at is None
