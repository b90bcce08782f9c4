"""A referral (encaminhamento) from one unit to another, or to a body outside the platform, and its log.

The state machine itself is data in ``referrals.workflow``; the database refuses incoherent rows.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import Purpose, SharingProfile


class State(models.TextChoices):
    SENT = "enviado", _("Enviado")
    RECEIVED = "recebido", _("Recebido")
    ACCEPTED = "aceito", _("Aceito")
    REFUSED = "recusado", _("Recusado")
    IN_SERVICE = "em_atendimento", _("Em atendimento")
    DONE = "concluido", _("Concluído")
    REVOKED = "revogado", _("Revogado")
    EXPIRED = "expirado", _("Expirado")


UNANSWERED = (State.SENT, State.RECEIVED)
ANSWERED = (State.ACCEPTED, State.REFUSED, State.IN_SERVICE, State.DONE)
ACTIVE = (State.SENT, State.RECEIVED, State.ACCEPTED, State.IN_SERVICE)


class RefusalReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("Sem vaga ou capacidade")
    OUT_OF_SCOPE = "out_of_scope", _("Serviço não oferecido pela unidade")
    OUT_OF_AREA = "out_of_area", _("Fora da área de abrangência")
    INSUFFICIENT = "insufficient", _("Informações insuficientes")
    PERSON_DECLINED = "person_declined", _("A pessoa não aceitou o serviço")
    OTHER = "other", _("Outro")


class Referral(models.Model):
    atendimento = models.ForeignKey("referrals.Atendimento", on_delete=models.CASCADE, related_name="referrals")
    from_unit = models.ForeignKey(
        "network.Unit", verbose_name=_("unidade de origem"), on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_unit = models.ForeignKey(
        "network.Unit",
        verbose_name=_("unidade de destino"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    external_body = models.CharField(
        _("órgão fora da plataforma"), max_length=300, blank=True, help_text=_("Recebe uma carta de encaminhamento.")
    )
    purpose = models.CharField(_("finalidade do compartilhamento"), max_length=20, choices=Purpose.choices)
    service = models.CharField(_("serviço solicitado"), max_length=30)
    request = models.TextField(_("o que se pede"), blank=True)
    urgent = models.BooleanField(_("urgente"), default=False)
    profile = models.CharField(_("perfil de compartilhamento"), max_length=10, choices=SharingProfile.choices)
    transfer_requested = models.BooleanField(
        _("pede transferência da responsabilidade"),
        default=False,
        help_text=_("Ao aceitar, a unidade de destino passa a ser a responsável."),
    )
    state = models.CharField(_("situação"), max_length=20, choices=State.choices, default=State.SENT)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("enviado em"))
    deadline = models.DateTimeField(_("prazo de resposta"))
    received_at = models.DateTimeField(_("recebido em"), null=True, blank=True)
    responded_at = models.DateTimeField(_("respondido em"), null=True, blank=True)
    closed_at = models.DateTimeField(_("encerrado em"), null=True, blank=True)
    refusal_reason = models.CharField(_("motivo da recusa"), max_length=20, choices=RefusalReason.choices, blank=True)
    refusal_note = models.TextField(_("explicação da recusa"), blank=True)
    completion_note = models.TextField(_("nota de conclusão"), blank=True)
    override_reason = models.TextField(_("justificativa do encaminhamento sem consentimento"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminded_at = models.DateTimeField(_("lembrete enviado em"), null=True, blank=True)
    # Police referral (2.2.3)
    police_report_number = models.CharField(_("número do boletim de ocorrência"), max_length=60, blank=True)
    inquiry_number = models.CharField(_("número do inquérito"), max_length=60, blank=True)
    non_criminalisation = models.BooleanField(
        _("não criminalização da vítima"),
        default=True,
        help_text=_("A vítima não deve ser responsabilizada por atos cometidos em razão do tráfico (item 5.1)."),
    )

    class Meta:
        verbose_name = _("encaminhamento")
        verbose_name_plural = _("encaminhamentos")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state=State.REFUSED) | ~Q(refusal_reason=""), name="referrals_refused_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(state__in=[*UNANSWERED, State.EXPIRED], responded_at__isnull=True)
                | Q(state__in=ANSWERED, responded_at__isnull=False)
                | Q(state=State.REVOKED),
                name="referrals_responded_iff_answered",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.DONE) | ~Q(completion_note=""), name="referrals_done_has_note"
            ),
            models.CheckConstraint(
                condition=Q(to_unit__isnull=False, external_body="") | Q(to_unit__isnull=True) & ~Q(external_body=""),
                name="referrals_one_destination",
            ),
            models.CheckConstraint(
                condition=Q(override_by__isnull=True, override_reason="")
                | Q(override_by__isnull=False) & ~Q(override_reason=""),
                name="referrals_override_has_reason",
            ),
            models.CheckConstraint(condition=Q(deadline__gt=models.F("sent_at")), name="referrals_deadline_after_sent"),
        ]

    def __str__(self) -> str:
        return _("Encaminhamento nº %(id)s") % {"id": self.pk}

    @property
    def destination(self) -> str:
        return self.to_unit.name if self.to_unit_id else self.external_body

    @property
    def is_external(self) -> bool:
        return self.to_unit_id is None


class ReferralTransition(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("de"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("para"), max_length=20, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("em"), auto_now_add=True)
    reason = models.TextField(_("motivo"), blank=True)

    class Meta:
        verbose_name = _("transição de encaminhamento")
        verbose_name_plural = _("transições de encaminhamentos")
        ordering = ["at", "pk"]
