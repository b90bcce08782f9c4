"""Who may read identities, and the record of every read and refusal (LGPD, art. 37).

A grant is explicit, personal, scoped and temporary: it lets one user read the identities of one
data source, or of every source of one institution, for a stated purpose, until a date. Grants only
reach data held by the grantee's own institution and are never given to analysts (see ``clean``).

Two people: one coordination member requests a grant, a second, different one approves it; only then
does it take effect. Nobody requests a grant for themselves nor approves one that benefits them or that
they requested (``services.grants``, which logs every request, approval, refusal and revocation).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pnetp.accounts.models import Role


class IdentityAccessGrant(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aguardando aprovação")
        APPROVED = "approved", _("Aprovada")
        REFUSED = "refused", _("Recusada")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuário"),
        on_delete=models.CASCADE,
        related_name="identity_grants",
        help_text=_("Quem poderá ler as identidades."),
    )
    source = models.ForeignKey(
        "sisetp.DataSource",
        verbose_name=_("fonte"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="identity_grants",
        help_text=_("Escopo: as identidades desta fonte."),
    )
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="identity_grants",
        help_text=_("Escopo: as identidades de todas as fontes desta instituição."),
    )
    purpose = models.TextField(
        _("finalidade"), help_text=_("Para que a leitura é necessária (atendimento, proteção...).")
    )
    valid_until = models.DateField(_("válida até"), help_text=_("Último dia em que a autorização vale."))
    status = models.CharField(
        _("situação"),
        max_length=10,
        choices=Status.choices,
        default=Status.REQUESTED,
        help_text=_("Só uma autorização aprovada por uma segunda pessoa da coordenação vale."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pedida por"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Quem pediu a autorização."),
    )
    requested_at = models.DateTimeField(_("pedida em"), default=timezone.now, help_text=_("Quando foi pedida."))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decidida por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Quem aprovou ou recusou o pedido: uma segunda pessoa da coordenação."),
    )
    granted_at = models.DateTimeField(
        _("decidida em"), null=True, blank=True, help_text=_("Quando foi aprovada ou recusada.")
    )
    refusal_reason = models.CharField(
        _("motivo da recusa"), max_length=500, blank=True, help_text=_("Por que o pedido foi recusado.")
    )
    revoked_at = models.DateTimeField(
        _("revogada em"), null=True, blank=True, help_text=_("Quando foi revogada; vazio se não foi.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("autorização de acesso a identidades")
        verbose_name_plural = _("autorizações de acesso a identidades")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(source__isnull=False, institution__isnull=True)
                | models.Q(source__isnull=True, institution__isnull=False),
                name="sisetp_grant_one_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.source or self.institution} (até {self.valid_until:%d/%m/%Y})"

    @property
    def scope_institution_id(self):
        return self.source.institution_id if self.source_id else self.institution_id

    def is_active(self, now=None) -> bool:
        today = timezone.localdate(now)
        return self.status == self.Status.APPROVED and self.revoked_at is None and today <= self.valid_until

    def covers(self, source) -> bool:
        return self.source_id == source.pk if self.source_id else self.institution_id == source.institution_id

    def clean(self):
        if bool(self.source_id) == bool(self.institution_id):
            raise ValidationError(_("Escolha uma fonte ou uma instituição como escopo, não as duas."))
        if not self.user_id:
            return
        if self.user.role == Role.ANALYST:
            raise ValidationError({"user": _("Analistas de dados nunca leem identidades, só pseudônimos.")})
        if self.user.institution_id is None or self.user.institution_id != self.scope_institution_id:
            raise ValidationError({"user": _("A autorização só alcança dados da própria instituição do usuário.")})
        if self.requested_by_id and self.requested_by_id == self.user_id:
            raise ValidationError({"user": _("Ninguém pode pedir acesso para si mesmo.")})
        if self.granted_by_id and self.granted_by_id == self.user_id:
            raise ValidationError({"user": _("Ninguém pode conceder acesso a si mesmo.")})
        if self.granted_by_id and self.granted_by_id == self.requested_by_id:
            raise ValidationError(_("A aprovação precisa de uma segunda pessoa, diferente de quem pediu."))


class IdentityAccessLog(models.Model):
    """Append-only: one row per attempt to read or write an identity, granted or refused, and one per step
    of an access grant (request, approval, refusal, revocation; ``grant`` set, ``person`` empty)."""

    class Action(models.TextChoices):
        READ = "read", _("Leitura")
        WRITE = "write", _("Gravação")
        GRANT_REQUEST = "grant_request", _("Pedido de autorização")
        GRANT_APPROVAL = "grant_approval", _("Aprovação de autorização")
        GRANT_REFUSAL = "grant_refusal", _("Recusa de autorização")
        GRANT_REVOCATION = "grant_revocation", _("Revogação de autorização")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuário"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Quem tentou o acesso; vazio para visitante anônimo ou processo do sistema."),
    )
    username = models.CharField(
        _("nome de usuário"),
        max_length=150,
        blank=True,
        help_text=_("Cópia do nome de usuário, mantida se a conta sumir."),
    )
    at = models.DateTimeField(_("quando"), default=timezone.now, help_text=_("Momento da tentativa."))
    action = models.CharField(
        _("ação"),
        max_length=20,
        choices=Action.choices,
        help_text=_("Leitura, gravação, ou pedido, aprovação, recusa ou revogação de uma autorização."),
    )
    person = models.ForeignKey(
        "sisetp.CasePerson",
        verbose_name=_("pessoa do caso"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Registro acessado."),
    )
    person_pseudonym = models.UUIDField(
        _("pseudônimo"),
        null=True,
        help_text=_("Pseudônimo da pessoa, mantido se o registro for eliminado; vazio numa entrada de lote."),
    )
    # An import's identity writes are one entry for the whole batch (audit policy, ingestion/identities.py).
    batch = models.ForeignKey(
        "sisetp.ImportBatch",
        verbose_name=_("lote de importação"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Entrada de lote: a importação que gravou as identidades."),
    )
    # A linkage run's identity reads are one entry for the run, written before the first read (``linkage.database``).
    linkage_run = models.ForeignKey(
        "linkage.LinkageRun",
        verbose_name=_("execução da ligação"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Entrada de lote: a execução da ligação de registros que leu as identidades."),
    )
    count = models.PositiveIntegerField(
        _("identidades"),
        null=True,
        blank=True,
        help_text=_("Entrada de lote: quantas identidades foram gravadas ou lidas."),
    )
    purpose = models.TextField(_("finalidade declarada"), blank=True, help_text=_("Por que o acesso foi pedido."))
    granted = models.BooleanField(_("permitido"), help_text=_("Se o acesso foi permitido."))
    reason = models.CharField(
        _("motivo"), max_length=300, help_text=_("Por que foi permitido (qual autorização) ou recusado.")
    )
    grant = models.ForeignKey(
        IdentityAccessGrant,
        verbose_name=_("autorização"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uses",
        help_text=_("Autorização que permitiu o acesso."),
    )

    class Meta:
        verbose_name = _("registro de acesso a identidade")
        verbose_name_plural = _("registros de acesso a identidades")
        ordering = ["-at"]
        indexes = [models.Index(fields=["person_pseudonym", "at"]), models.Index(fields=["user", "at"])]

    def __str__(self) -> str:
        outcome = _("permitida") if self.granted else _("recusada")
        return f"{self.at:%d/%m/%Y %H:%M} {self.username or '—'} {self.get_action_display()} {outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("O registro de acesso não pode ser alterado."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("O registro de acesso não pode ser apagado."))
