"""State of the unique-persons linkage kept in the database: its runs and the clerical review pairs.

The record → stable person id map is ``CasePerson.person_key`` itself (one source of truth, read by
the statistics). A review pair names its two records by their linkage key (fonte|id_registro|id_pessoa)
as well as by foreign key: a decision then survives the rollback and re-import of a batch, which
deletes and re-creates the ``CasePerson`` rows. Decided pairs are never deleted; they bind every
later run (``linkage.review.cluster`` applies them as hard constraints).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LinkageRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "em_andamento", _("Em andamento")
        DONE = "concluida", _("Concluída")
        FAILED = "falhou", _("Falhou")
        # Its process died (restart, out of memory): no heartbeat for a while (``linkage.service``).
        INTERRUPTED = "interrompida", _("Interrompida")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuário"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Quem pediu a execução; vazio quando foi um processo do sistema."),
    )
    started_at = models.DateTimeField(_("início"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fim"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("último sinal de vida"),
        null=True,
        blank=True,
        help_text=_(
            "Atualizado pelo processo enquanto a execução roda; sem sinal por alguns minutos, ela é dada por interrompida."
        ),
    )
    status = models.CharField(_("situação"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    stage = models.CharField(
        _("etapa"), max_length=40, blank=True, help_text=_("Etapa atual, para a página de progresso.")
    )
    records = models.PositiveIntegerField(_("registros"), default=0)
    persons = models.PositiveIntegerField(_("pessoas únicas"), default=0)
    keys_changed = models.PositiveIntegerField(
        _("pessoas dos casos atualizadas"), default=0, help_text=_("Registros cujo id de pessoa única mudou.")
    )
    ids_kept = models.PositiveIntegerField(
        _("ids mantidos"), default=0, help_text=_("Registros já ligados antes que mantiveram o id da pessoa.")
    )
    pairs_to_review = models.PositiveIntegerField(
        _("pares para revisão"), default=0, help_text=_("Pares incertos ainda sem decisão ao fim da execução.")
    )
    decisions_applied = models.PositiveIntegerField(_("decisões aplicadas"), default=0)
    model_name = models.CharField(_("modelo"), max_length=100, blank=True)
    threshold = models.FloatField(_("limiar de ligação"), null=True, blank=True)
    review_low = models.FloatField(_("início da faixa de revisão"), null=True, blank=True)
    error = models.TextField(_("erro"), blank=True)
    notes = models.TextField(
        _("observações"), blank=True, help_text=_("Treino ignorado num estado degenerado dos dados, por exemplo.")
    )

    class Meta:
        db_table = "sisetp_linkagerun"  # the table kept its name when the model left the sisetp app
        verbose_name = _("execução da ligação de registros")
        verbose_name_plural = _("execuções da ligação de registros")
        ordering = ["-started_at", "-pk"]
        constraints = [
            # One run at a time, whatever starts it (web, CLI, a worker): the database refuses a second one.
            models.UniqueConstraint(
                fields=["status"], condition=models.Q(status="em_andamento"), name="sisetp_one_running_linkage_run"
            ),
        ]

    def __str__(self) -> str:
        return _("Ligação %(id)s (%(status)s)") % {"id": self.pk, "status": self.get_status_display()}

    @property
    def in_progress(self) -> bool:
        return self.status == self.Status.RUNNING


class ReviewPair(models.Model):
    """Two records the model could not decide about (match probability in the review band)."""

    class Status(models.TextChoices):
        PENDING = "pendente", _("Pendente")
        SAME = "mesma", _("Mesma pessoa")
        DIFFERENT = "diferente", _("Pessoas diferentes")

    left_record = models.CharField(_("registro 1"), max_length=200, help_text=_("fonte|id_registro|id_pessoa"))
    right_record = models.CharField(_("registro 2"), max_length=200, help_text=_("fonte|id_registro|id_pessoa"))
    left = models.ForeignKey(
        "sisetp.CasePerson",
        verbose_name=_("pessoa do caso 1"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    right = models.ForeignKey(
        "sisetp.CasePerson",
        verbose_name=_("pessoa do caso 2"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    probability = models.FloatField(_("probabilidade de ser a mesma pessoa"))
    # Which features agree (never their values), so a reviewer without access to identities can still judge.
    comparison = models.JSONField(_("comparação"), default=dict, blank=True)
    run = models.ForeignKey(
        LinkageRun,
        verbose_name=_("execução que encontrou o par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="pairs",
    )
    status = models.CharField(_("decisão"), max_length=20, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decidido por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decidido em"), null=True, blank=True)
    note = models.TextField(_("observação"), blank=True, max_length=2000)
    history = HistoricalRecords(table_name="sisetp_historicalreviewpair")

    class Meta:
        db_table = "sisetp_reviewpair"
        verbose_name = _("par para revisão")
        verbose_name_plural = _("pares para revisão")
        ordering = ["-probability", "pk"]
        # The service stores each pair in Python's string order (no CHECK: database collations differ).
        constraints = [
            models.UniqueConstraint(fields=["left_record", "right_record"], name="sisetp_review_pair_unique"),
        ]
        indexes = [models.Index(fields=["status", "-probability"])]

    def __str__(self) -> str:
        return f"{self.left_record} × {self.right_record}"

    @property
    def decided(self) -> bool:
        return self.status != self.Status.PENDING
