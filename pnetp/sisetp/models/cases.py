"""A case as one data source recorded it (HTCDS "case"; one record of the source)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..fields import VocabularyField


def current_standard_version():
    from ..standard import STANDARD_VERSION
    from .sources import StandardVersion

    return StandardVersion.objects.filter(version=STANDARD_VERSION).values_list("pk", flat=True).first()


class Case(models.Model):
    source = models.ForeignKey(
        "sisetp.DataSource",
        verbose_name=_("fonte"),
        on_delete=models.PROTECT,
        related_name="cases",
        db_index=False,  # the unique (source, source_record_id) index serves look-ups by source
        help_text=_("Fonte de dados que registrou o caso."),
    )
    source_record_id = models.CharField(
        _("identificador na fonte"),
        max_length=100,
        help_text=_("Número do caso, da notificação ou da denúncia no sistema de origem."),
    )
    standard_version = models.ForeignKey(
        "sisetp.StandardVersion",
        verbose_name=_("versão do padrão"),
        on_delete=models.PROTECT,
        related_name="cases",
        default=current_standard_version,
        help_text=_("Versão dos parâmetros mínimos em que o registro foi recebido."),
    )
    reporting_date = models.DateField(
        _("data do registro"), help_text=_("Data em que o caso foi registrado ou notificado na fonte.")
    )
    identification_date = models.DateField(
        _("data de identificação"),
        null=True,
        blank=True,
        help_text=_("Data em que a situação de tráfico foi identificada; vazio se desconhecida."),
    )
    trafficking_status = VocabularyField(
        "trafficking_status",
        verbose_name=_("situação quanto ao tráfico"),
        help_text=_("Confirmado, presumido, risco ou não é tráfico; vazio se não decidido ou desconhecido."),
    )
    decision_authority = VocabularyField(
        "decision_authority",
        verbose_name=_("quem decidiu"),
        help_text=_("Tipo de autoridade que decidiu a situação quanto ao tráfico."),
    )
    batch = models.ForeignKey(
        "sisetp.ImportBatch",
        verbose_name=_("lote de importação"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text=_("Último lote de importação que gravou o caso."),
    )
    # Digest of the case as last imported: a re-import compares it instead of reading every row back.
    import_fingerprint = models.CharField(
        _("assinatura da importação"),
        max_length=32,
        blank=True,
        editable=False,
        help_text=_("Resumo do caso como importado pela última vez; uma nova importação igual não o altera."),
    )
    created_at = models.DateTimeField(
        _("recebido em"), auto_now_add=True, help_text=_("Quando o SISETP recebeu o caso.")
    )
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True, help_text=_("Última alteração no SISETP."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("caso")
        verbose_name_plural = _("casos")
        ordering = ["-reporting_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_record_id"], name="sisetp_unique_case_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.source.slug}:{self.source_record_id}" if self.source_id else self.source_record_id
