"""Accounts and roles.

Local accounts now; the ``cpf`` field is where a gov.br Login Único (OpenID Connect) identity
will be matched later, since gov.br's ``sub`` claim is the CPF.
"""

from django.contrib.auth.models import AbstractUser
from django.utils.crypto import salted_hmac
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    COORDINATION = "coordination", _("Coordenação nacional")
    FOCAL_POINT = "focal_point", _("Ponto focal de instituição")
    COMMITTEE_MEMBER = "committee_member", _("Membro de comitê")
    ANALYST = "analyst", _("Analista de dados")
    NETWORK_PROFESSIONAL = "network_professional", _("Profissional da rede de atendimento")


class User(AbstractUser):
    role = models.CharField(_("perfil"), max_length=30, choices=Role.choices, blank=True)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    cpf = models.CharField(
        _("CPF"), max_length=11, unique=True, null=True, blank=True, help_text=_("Usado no login gov.br.")
    )
    session_generation = models.PositiveIntegerField(
        _("geração das sessões"),
        default=0,
        editable=False,
        help_text=_("Aumenta em “sair de todos os dispositivos”: as sessões abertas antes deixam de valer."),
    )
    # Who changed a role, an institution or the active flag, and when (accounts are deactivated, never deleted).
    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_generation"])

    class Meta:
        verbose_name = _("usuário")
        verbose_name_plural = _("usuários")

    def clean(self):
        super().clean()
        if self.role == Role.FOCAL_POINT and not self.institution_id:
            raise ValidationError({"institution": _("Um ponto focal precisa pertencer a uma instituição.")})

    def _get_session_auth_hash(self, secret=None):
        # Django ties a session to the password hash; the generation ties it to "sign out everywhere" too.
        key_salt = "pnetp.accounts.User.get_session_auth_hash"
        value = f"{self.password}|{self.session_generation}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def has_role(self, *roles: str) -> bool:
        return self.is_active and (self.is_superuser and Role.COORDINATION in roles or self.role in roles)

    # The coordination manages everything, so it holds every model permission (like a superuser):
    # per-user grants in the admin would only drift away from the role.
    def has_perm(self, perm, obj=None) -> bool:
        return self.has_role(Role.COORDINATION) or super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return self.has_role(Role.COORDINATION) or super().has_module_perms(app_label)
