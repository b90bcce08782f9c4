"""In-app notifications and each user's e-mail preference.

A notification says that something needs the recipient (a report returned, an import finished) and links to
it. Its title and body never carry personal data: codes, titles and institution acronyms only, because the
same text goes out by e-mail.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REPORT_SUBMITTED = "report_submitted", _("Relatório enviado")
    REPORT_RETURNED = "report_returned", _("Relatório devolvido")
    REPORT_APPROVED = "report_approved", _("Relatório aprovado")
    REPORT_COMMENT = "report_comment", _("Comentário em relatório")
    IMPORT_FINISHED = "import_finished", _("Importação concluída")
    IMPORT_FAILED = "import_failed", _("Importação com falha")
    LINKAGE_REVIEW = "linkage_review", _("Revisão de pessoas únicas pendente")
    REFERRAL_SENT = "referral_sent", _("Encaminhamento recebido")
    REFERRAL_ANSWERED = "referral_answered", _("Encaminhamento respondido")
    REFERRAL_REVOKED = "referral_revoked", _("Encaminhamento revogado")
    REFERRAL_REMINDER = "referral_reminder", _("Prazo de encaminhamento próximo")
    REFERRAL_EXPIRED = "referral_expired", _("Encaminhamento expirado")
    TERM_ENDING = "term_ending", _("Mandato em comitê terminando")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("destinatário"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("título"), max_length=300)
    body = models.TextField(_("texto"), blank=True)
    url = models.CharField(_("endereço"), max_length=500)
    created = models.DateTimeField(_("criada em"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("lida em"), null=True, blank=True)
    # Set when the notification went out by e-mail (immediately or in a digest); null: still owed.
    emailed_at = models.DateTimeField(_("enviada por e-mail em"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificação")
        verbose_name_plural = _("notificações")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("Um e-mail a cada notificação")
        DIGEST = "digest", _("Um resumo diário por e-mail")
        NONE = "none", _("Não receber e-mails (só na plataforma)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuário"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    delivery = models.CharField(_("e-mails"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        verbose_name = _("preferência de notificação")
        verbose_name_plural = _("preferências de notificação")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_delivery_display()}"
