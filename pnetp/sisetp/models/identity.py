"""Who a case person is, kept apart and encrypted (LGPD, art. 13 §4: pseudonymisation).

Its own table, one row per ``CasePerson``. Every value is an encrypted token (``crypto``: AES-256-GCM,
format ``s1:``) in the database and in the history table; the ORM hands out ``Sealed`` values, and
only ``services.identity.read_identity`` reveals them, after checking permission and logging the
read. Not registered in the admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..fields import EncryptedDateField, EncryptedTextField

IDENTITY_FIELDS = (
    "full_name", "social_name", "cpf", "birth_date", "birth_date_reported", "mother_name", "phone", "email", "address"
)  # fmt: skip
# Flags of values kept as reported though invalid (never used as exact keys: see linkage.database).
INVALID_FLAGS = ("cpf_invalid", "birth_date_invalid")


class PersonIdentity(models.Model):
    person = models.OneToOneField(
        "sisetp.CasePerson",
        verbose_name=_("pessoa do caso"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="identity",
        help_text=_("Registro pseudônimo a que esta identidade pertence."),
    )
    full_name = EncryptedTextField(
        _("nome civil"), null=True, blank=True, help_text=_("Nome completo de registro. Cifrado.")
    )
    social_name = EncryptedTextField(
        _("nome social"), null=True, blank=True, help_text=_("Nome pelo qual a pessoa se identifica. Cifrado.")
    )
    cpf = EncryptedTextField(_("CPF"), null=True, blank=True, help_text=_("Somente os 11 dígitos. Cifrado."))
    birth_date = EncryptedDateField(_("data de nascimento"), null=True, blank=True, help_text=_("Cifrada."))
    birth_date_reported = EncryptedTextField(
        _("data de nascimento informada"),
        null=True,
        blank=True,
        help_text=_("A data como a fonte a informou, quando não existe (como 31/02/2023). Cifrada."),
    )
    cpf_invalid = models.BooleanField(
        _("CPF inválido"),
        default=False,
        help_text=_("O CPF foi gravado como informado, com dígitos verificadores que não conferem."),
    )
    birth_date_invalid = models.BooleanField(
        _("data de nascimento inválida"),
        default=False,
        help_text=_("A data informada não existe; está em “data de nascimento informada”."),
    )
    mother_name = EncryptedTextField(_("nome da mãe"), null=True, blank=True, help_text=_("Cifrado."))
    phone = EncryptedTextField(_("telefone"), null=True, blank=True, help_text=_("Telefone de contato. Cifrado."))
    email = EncryptedTextField(_("e-mail"), null=True, blank=True, help_text=_("E-mail de contato. Cifrado."))
    address = EncryptedTextField(_("endereço"), null=True, blank=True, help_text=_("Endereço de contato. Cifrado."))
    # The history copies these fields with their class, so it holds tokens too (see tests/test_privacy_storage).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identidade")
        verbose_name_plural = _("identidades")
        default_permissions = ()  # no admin or model permission can reach it; only the service does

    def __str__(self) -> str:
        return _("Identidade de %(pseudonym)s") % {"pseudonym": self.person.pseudonym} if self.person_id else "—"
