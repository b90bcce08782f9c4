"""An atendimento: one victim's assistance record, opened and owned by a unit of the network directory.

Who the person is never lives here: ``person`` points to a pseudonymous ``sisetp.CasePerson`` whose identity is
kept, encrypted, in the SISETP identity store (``sisetp.PersonIdentity``) and read only through a logged decision
(``referrals.identity``). The case stays out of national statistics unless the person consents (``statistics``).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import (
    AtendimentoStatus,
    ClosureReason,
    GuardianKind,
    IdentificationRoute,
    RiskLevel,
    VictimStatus,
)


class Atendimento(models.Model):
    owner_unit = models.ForeignKey(
        "network.Unit", verbose_name=_("unidade responsável"), on_delete=models.PROTECT, related_name="atendimentos"
    )
    person = models.OneToOneField(
        "sisetp.CasePerson",
        verbose_name=_("pessoa (pseudônimo)"),
        on_delete=models.PROTECT,
        related_name="atendimento",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("aberto por"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("aberto em"), auto_now_add=True)
    identification_route = models.CharField(
        _("como a pessoa foi identificada"), max_length=20, choices=IdentificationRoute.choices
    )
    victim_status = models.CharField(
        _("situação de vítima"), max_length=12, choices=VictimStatus.choices, default=VictimStatus.PRESUMED
    )
    status_decided_by = models.CharField(
        _("quem decidiu a situação"),
        max_length=40,
        blank=True,
        help_text=_("Tipo de autoridade, no vocabulário do SISETP (decision_authority)."),
    )
    status_decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrado por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    risk_level = models.CharField(_("nível de risco"), max_length=10, choices=RiskLevel.choices, default=RiskLevel.LOW)
    threat_to_life = models.BooleanField(_("ameaça à vida"), default=False, help_text=_("Torna o atendimento urgente."))
    needs = models.JSONField(_("necessidades"), default=list, blank=True, help_text=_("Serviços (UnitService)."))
    care_plan = models.TextField(_("plano de atendimento"), blank=True)
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("técnico(a) de referência"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("situação"), max_length=20, choices=AtendimentoStatus.choices, default=AtendimentoStatus.OPEN
    )
    closure_reason = models.CharField(
        _("motivo do encerramento"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("encerrado em"), null=True, blank=True)
    is_minor = models.BooleanField(_("criança ou adolescente"), default=False)
    guardian_kind = models.CharField(_("responsável"), max_length=20, choices=GuardianKind.choices, blank=True)
    tutelary_council = models.ForeignKey(
        "network.Unit",
        verbose_name=_("Conselho Tutelar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    abroad = models.BooleanField(_("brasileiro(a) no exterior"), default=False)
    flow = models.ForeignKey(
        "referrals.FlowTemplate", verbose_name=_("fluxo"), null=True, blank=True, on_delete=models.PROTECT
    )
    stage = models.ForeignKey(
        "referrals.FlowStage", verbose_name=_("etapa"), null=True, blank=True, on_delete=models.PROTECT
    )
    stage_since = models.DateTimeField(_("na etapa desde"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("atendimento")
        verbose_name_plural = _("atendimentos")
        ordering = ["-opened_at"]
        permissions = [("override_consent", _("Encaminhar sem consentimento, com justificativa"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=AtendimentoStatus.CLOSED, closed_at__isnull=False) & ~Q(closure_reason="")
                | ~Q(status=AtendimentoStatus.CLOSED) & Q(closure_reason="", closed_at__isnull=True),
                name="referrals_atendimento_closure_coherent",
            ),
            models.CheckConstraint(
                condition=Q(is_minor=False) | ~Q(guardian_kind=""),
                name="referrals_atendimento_minor_has_guardian",
            ),
        ]

    def __str__(self) -> str:
        return _("Atendimento nº %(id)s") % {"id": self.pk}

    @property
    def urgent(self) -> bool:
        return self.threat_to_life

    @property
    def uf_id(self):
        return self.owner_unit.uf_id

    @property
    def stage_late(self) -> bool:
        """Past the current flow stage's deadline (open atendimentos only)."""
        if self.status == AtendimentoStatus.CLOSED or not (self.stage_id and self.stage_since):
            return False
        days = self.stage.deadline_days
        return bool(days) and timezone.now() > self.stage_since + timedelta(days=days)


class ServiceReceived(models.Model):
    atendimento = models.ForeignKey(Atendimento, on_delete=models.CASCADE, related_name="services_received")
    service = models.CharField(_("serviço"), max_length=30)
    unit = models.ForeignKey(
        "network.Unit", verbose_name=_("unidade"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("início"))
    ended_on = models.DateField(_("fim"), null=True, blank=True)

    class Meta:
        verbose_name = _("serviço recebido")
        verbose_name_plural = _("serviços recebidos")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="referrals_service_period",
            )
        ]


class Hearing(models.Model):
    """Judicial support (5.1.4): a hearing or interview of the person, with who supported them."""

    class Kind(models.TextChoices):
        SPECIAL = "depoimento_especial", _("Depoimento especial")
        QUALIFIED = "escuta_qualificada", _("Escuta qualificada")
        HEARING = "audiencia", _("Audiência")
        POLICE = "oitiva_policial", _("Oitiva policial")

    atendimento = models.ForeignKey(Atendimento, on_delete=models.CASCADE, related_name="hearings")
    kind = models.CharField(_("tipo"), max_length=30, choices=Kind.choices)
    scheduled_for = models.DateTimeField(_("data e hora"))
    body = models.CharField(_("órgão"), max_length=200)
    support_person = models.CharField(_("pessoa de apoio (profissional)"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("audiência ou oitiva")
        verbose_name_plural = _("audiências e oitivas")
        ordering = ["scheduled_for"]


class AccessLog(models.Model):
    """Every read of an atendimento: who, when, through which referral, which sections were shown."""

    atendimento = models.ForeignKey(Atendimento, on_delete=models.CASCADE, related_name="access_log")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(_("usuário"), max_length=150)
    at = models.DateTimeField(_("em"), auto_now_add=True)
    action = models.CharField(_("ação"), max_length=30)
    via_referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sections = models.JSONField(_("seções exibidas"), default=list)

    class Meta:
        verbose_name = _("registro de acesso")
        verbose_name_plural = _("registros de acesso")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
