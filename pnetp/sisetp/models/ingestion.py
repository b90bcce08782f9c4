"""Provenance of imported records: import batches, saved mappings of custom layouts, web import jobs.

A batch is one file imported from one source; cases and persons point to the batch that last wrote
them. ``replaced`` keeps the previous state of the cases a batch updated, so a rollback can restore
them (see ``pnetp.sisetp.ingestion.batches``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Layout(models.TextChoices):
    STANDARD = "standard", _("Padrão SISETP (CSV)")
    CTDC2024 = "ctdc2024", _("CTDC 2024 sintético (27 variáveis)")
    CTDC_KANON = "ctdc-kanon", _("CTDC k-anonimizado (63 colunas)")
    HTCDS = "htcds", _("HTCDS 2.0 (planilha)")
    DISQUE100 = "disque100", _("Disque 100 – dados abertos 2020–2023")
    CUSTOM = "custom", _("Leiaute próprio da fonte (mapeamento salvo)")


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        RUNNING = "em_andamento", _("Em andamento")
        DONE = "concluido", _("Concluído")
        ROLLED_BACK = "desfeito", _("Desfeito")

    source = models.ForeignKey(
        "sisetp.DataSource", verbose_name=_("fonte"), on_delete=models.PROTECT, related_name="import_batches"
    )
    layout = models.CharField(_("leiaute"), max_length=20, choices=Layout.choices)
    file_name = models.CharField(_("arquivo"), max_length=255)
    file_sha256 = models.CharField(_("SHA-256 do arquivo"), max_length=64)
    identity_file_name = models.CharField(_("arquivo de identidades"), max_length=255, blank=True)
    identity_file_sha256 = models.CharField(_("SHA-256 do arquivo de identidades"), max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuário"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("início"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fim"), null=True, blank=True)
    status = models.CharField(_("situação"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    rows_read = models.PositiveIntegerField(_("linhas lidas"), default=0)
    counts = models.JSONField(
        _("contagens"), default=dict, blank=True, help_text=_("Casos e pessoas criados, atualizados e inalterados.")
    )
    quality = models.JSONField(
        _("qualidade dos dados"),
        default=dict,
        blank=True,
        help_text=_("Coluna → quantos valores foram gravados como informados e marcados como inválidos."),
    )
    # record id → previous state of each case this batch updated (restored by a rollback).
    replaced = models.JSONField(_("versões anteriores"), default=dict, blank=True, editable=False)
    rolled_back_at = models.DateTimeField(_("desfeito em"), null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("desfeito por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lote de importação")
        verbose_name_plural = _("lotes de importação")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return _("Lote %(id)s – %(source)s") % {"id": self.pk, "source": self.source}


class SourceMapping(models.Model):
    """How a source's own spreadsheet maps to the standard layout; saved once, reused for every file."""

    source = models.OneToOneField(
        "sisetp.DataSource", verbose_name=_("fonte"), on_delete=models.CASCADE, related_name="mapping"
    )
    columns = models.JSONField(
        _("colunas"),
        default=dict,
        help_text=_('Coluna da fonte → coluna do leiaute padrão, como {"num_caso": "id_registro"}.'),
    )
    values = models.JSONField(
        _("valores"),
        default=dict,
        blank=True,
        help_text=_('Coluna do leiaute → {valor da fonte: código do padrão}, como {"sexo": {"F": "feminino"}}.'),
    )
    constants = models.JSONField(
        _("valores fixos"),
        default=dict,
        blank=True,
        help_text=_('Coluna do leiaute → valor usado em todas as linhas, como {"papel": "vitima"}.'),
    )
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mapeamento de leiaute da fonte")
        verbose_name_plural = _("mapeamentos de leiaute das fontes")

    def __str__(self) -> str:
        return str(self.source)


class ImportJob(models.Model):
    """A web import run as a job by a worker (``ingestion.jobs``); the page reads its progress from here."""

    class Status(models.TextChoices):
        VALIDATING = "validando", _("Validando")
        INVALID = "invalido", _("Arquivo com erros")
        VALID = "valido", _("Validado, aguardando confirmação")
        RUNNING = "gravando", _("Gravando")
        DONE = "concluido", _("Concluído")
        FAILED = "falhou", _("Falhou")
        CANCELLED = "cancelado", _("Cancelada")
        # Its worker died (restart, out of memory): no heartbeat for a while (``ingestion.jobs``); can be sent again.
        INTERRUPTED = "interrompido", _("Interrompido")

    source = models.ForeignKey("sisetp.DataSource", verbose_name=_("fonte"), on_delete=models.CASCADE, related_name="+")
    layout = models.CharField(_("leiaute"), max_length=20, choices=Layout.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("usuário"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_path = models.CharField(_("arquivo salvo"), max_length=500)
    file_name = models.CharField(_("arquivo"), max_length=255)
    identity_file_path = models.CharField(_("arquivo de identidades salvo"), max_length=500, blank=True)
    identity_file_name = models.CharField(_("arquivo de identidades"), max_length=255, blank=True)
    status = models.CharField(_("situação"), max_length=20, choices=Status.choices, default=Status.VALIDATING)
    rows_done = models.PositiveIntegerField(_("linhas processadas"), default=0)
    heartbeat_at = models.DateTimeField(
        _("último sinal de vida"),
        null=True,
        blank=True,
        help_text=_(
            "Atualizado pelo processo enquanto a tarefa roda; sem sinal por alguns minutos, ela é dada por interrompida."
        ),
    )
    message = models.TextField(_("mensagem"), blank=True)
    issues = models.JSONField(_("problemas"), default=list, blank=True)
    summary = models.JSONField(_("resumo"), default=dict, blank=True)
    batch = models.ForeignKey(
        ImportBatch, verbose_name=_("lote"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)

    class Meta:
        verbose_name = _("tarefa de importação")
        verbose_name_plural = _("tarefas de importação")
        ordering = ["-created_at"]

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.VALIDATING, self.Status.RUNNING)
