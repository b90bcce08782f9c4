"""Progress reports: one per (activity, cycle, institution), with indicator values, evidence and comments.

State changes go through ``pnetp.monitoring.services.workflow``, which checks who may do what.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ProgressReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        SUBMITTED = "submitted", _("Enviado")
        RETURNED = "returned", _("Devolvido para ajustes")
        APPROVED = "approved", _("Aprovado")

    # States in which the institution may still write; "reported" states count as delivered.
    EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})
    REPORTED_STATES = frozenset({State.SUBMITTED, State.APPROVED})

    activity = models.ForeignKey(
        "plans.Activity", verbose_name=_("atividade"), on_delete=models.CASCADE, related_name="progress_reports"
    )
    cycle = models.ForeignKey(
        "monitoring.MonitoringCycle", verbose_name=_("ciclo"), on_delete=models.CASCADE, related_name="reports"
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    # Optional while drafting; required to submit (see services.workflow.submit_report).
    status = models.ForeignKey(
        "monitoring.StatusOption",
        verbose_name=_("situação da atividade"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percentual concluído"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("relato"), blank=True)
    difficulties = models.TextField(_("dificuldades"), blank=True)
    next_steps = models.TextField(_("próximos passos"), blank=True)
    state = models.CharField(_("etapa"), max_length=10, choices=State.choices, default=State.DRAFT)
    return_reason = models.TextField(_("motivo da devolução"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("criado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enviado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("enviado em"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("devolvido por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    returned_at = models.DateTimeField(_("devolvido em"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aprovado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("aprovado em"), null=True, blank=True)
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("relatório de progresso")
        verbose_name_plural = _("relatórios de progresso")
        ordering = ["cycle", "activity", "institution"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "cycle", "institution"], name="report_unique_per_activity_cycle_institution"
            ),
            models.CheckConstraint(
                condition=models.Q(percent_complete__isnull=True) | models.Q(percent_complete__lte=100),
                name="report_percent_max_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} · {self.cycle.name} · {self.institution.acronym}"

    @property
    def is_editable_state(self) -> bool:
        return self.state in self.EDITABLE_STATES

    def clean(self):
        if self.activity_id and self.cycle_id and self.activity.plan_id != self.cycle.plan_id:
            raise ValidationError({"cycle": _("O ciclo pertence a outro plano.")})


class IndicatorValue(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("relatório"), on_delete=models.CASCADE, related_name="indicator_values"
    )
    indicator = models.ForeignKey(
        "monitoring.Indicator", verbose_name=_("indicador"), on_delete=models.CASCADE, related_name="values"
    )
    value = models.DecimalField(_("valor apurado"), max_digits=16, decimal_places=4)
    note = models.TextField(_("observação"), blank=True)
    # Set when the value was filled from a registry count (Indicator.registry_source): the count, its label and
    # the day it was taken. A value that differs from the count is an override, justified in ``note``.
    registry_value = models.DecimalField(_("valor do registro"), max_digits=16, decimal_places=4, null=True, blank=True)
    registry_label = models.CharField(_("registro"), max_length=200, blank=True)
    registry_filled_on = models.DateField(_("preenchido em"), null=True, blank=True)
    # Kept so the report timeline shows value corrections, too.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("valor de indicador")
        verbose_name_plural = _("valores de indicadores")
        constraints = [models.UniqueConstraint(fields=["report", "indicator"], name="indicator_value_unique_in_report")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"

    @property
    def overrides_registry(self) -> bool:
        return self.registry_value is not None and self.value != self.registry_value

    def clean(self):
        if self.report_id and self.indicator_id and self.indicator.activity_id != self.report.activity_id:
            raise ValidationError({"indicator": _("O indicador não pertence à atividade do relatório.")})


class Evidence(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("relatório"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("título"), max_length=300)
    file = models.FileField(_("arquivo"), upload_to="monitoring/evidence/%Y/%m/", blank=True, max_length=300)
    url = models.URLField(_("endereço (URL)"), blank=True, max_length=500)
    is_public = models.BooleanField(
        _("pública"), default=False, help_text=_("Evidências públicas poderão ser exibidas no portal.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("incluída por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("incluída em"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidência")
        verbose_name_plural = _("evidências")
        ordering = ["report", "created_at", "id"]
        constraints = [
            # Exactly one of file and URL.
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="evidence_file_xor_url",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def link(self) -> str:
        """Where to open it: its URL, or the permission-checked download view (never a MEDIA URL)."""
        return self.url or reverse("monitoring_web:evidence_file", args=[self.pk])

    def clean(self):
        if bool(self.file) == bool(self.url):
            raise ValidationError(_("Informe um arquivo ou um endereço (URL), e apenas um deles."))


class ReportComment(models.Model):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("relatório"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("autor"), on_delete=models.PROTECT, related_name="report_comments"
    )
    text = models.TextField(_("comentário"))
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)

    class Meta:
        verbose_name = _("comentário")
        verbose_name_plural = _("comentários")
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author} · {self.created_at:%d/%m/%Y %H:%M}"
