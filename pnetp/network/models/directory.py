"""The directory of the Rede de Enfrentamento: units that serve victims and the public.

A unit is a place or service (a NETP, a CREAS, a police station, a consular post, an organisation abroad),
never a person. It is what the victims' referral flow refers people to. Some fields are restricted: a
shelter's address, and any field named in ``restricted_fields``, never appear in a public output.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pnetp.core.text import fold


class UnitKind(models.TextChoices):
    NETP = "netp", _("Núcleo de Enfrentamento ao Tráfico de Pessoas (NETP)")
    PAAHM = "paahm", _("Posto Avançado de Atendimento Humanizado ao Migrante (PAAHM)")
    CREAS = "creas", _("Centro de Referência Especializado de Assistência Social (CREAS)")
    CRAS = "cras", _("Centro de Referência de Assistência Social (CRAS)")
    CENTRO_POP = "centro_pop", _("Centro POP")
    SHELTER = "shelter", _("Serviço de acolhimento")
    TUTELARY_COUNCIL = "conselho_tutelar", _("Conselho Tutelar")
    PUBLIC_DEFENDER = "defensoria", _("Defensoria Pública")
    PROSECUTION = "ministerio_publico", _("Ministério Público")
    FEDERAL_POLICE = "policia_federal", _("Polícia Federal")
    HIGHWAY_POLICE = "policia_rodoviaria", _("Polícia Rodoviária Federal")
    CIVIL_POLICE = "policia_civil", _("Polícia Civil")
    MILITARY_POLICE = "policia_militar", _("Polícia Militar")
    LABOUR_INSPECTION = "inspecao_trabalho", _("Inspeção do Trabalho")
    HEALTH = "saude", _("Serviço de saúde")
    CONSULAR_POST = "posto_consular", _("Posto consular do Brasil")
    ORGANISATION_ABROAD = "organizacao_exterior", _("Organização de apoio no exterior")
    INTERNATIONAL_ORGANISATION = "organizacao_internacional", _("Organização internacional")
    CIVIL_SOCIETY = "sociedade_civil", _("Organização da sociedade civil")
    OTHER = "outro", _("Outro")


# Kinds whose address is never public, whatever the unit says.
KINDS_WITH_RESTRICTED_ADDRESS = frozenset({UnitKind.SHELTER})
# Kinds that sit abroad: a country instead of a municipality.
KINDS_ABROAD = frozenset({UnitKind.CONSULAR_POST, UnitKind.ORGANISATION_ABROAD})
# Fields a unit may mark restricted (``restricted_fields``); name, kind, institution and place stay public
# because the referral flow and the directory's filters rest on them.
RESTRICTABLE_FIELDS = (
    "address", "latitude", "longitude", "phone", "email", "website", "opening_hours", "languages", "audience",
)  # fmt: skip


class UnitService(models.TextChoices):
    """Services a unit offers, aligned with the HTCDS 2.0 service list (support plan section)."""

    ACCOMMODATION = "accommodation", _("Acolhimento / abrigamento")
    HEALTH = "health", _("Atendimento de saúde")
    PSYCHOSOCIAL = "psychosocial", _("Atendimento psicossocial")
    LEGAL = "legal", _("Orientação e assistência jurídica")
    DOCUMENTATION = "documentation", _("Documentação civil")
    SOCIAL_BENEFITS = "social_benefits", _("Benefícios socioassistenciais e CadÚnico")
    EMPLOYMENT = "employment", _("Trabalho, emprego e renda")
    EDUCATION = "education", _("Educação e capacitação")
    RETURN = "return", _("Retorno e reintegração")
    INTERPRETATION = "interpretation", _("Interpretação e tradução")
    PROTECTION = "protection", _("Programas de proteção")
    REPORTING = "reporting", _("Recebimento de denúncias")
    INVESTIGATION = "investigation", _("Investigação e repressão")
    CONSULAR = "consular", _("Assistência consular")
    OTHER = "other", _("Outro")


class Unit(models.Model):
    # Stable key of the CSV import and export; given on save ("U00042") when left blank.
    code = models.CharField(_("código"), max_length=40, unique=True, null=True, blank=True)
    name = models.CharField(_("nome"), max_length=300)
    kind = models.CharField(_("tipo"), max_length=30, choices=UnitKind.choices)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    services = models.JSONField(_("serviços oferecidos"), default=list, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("município"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_units",
    )
    country = models.ForeignKey(
        "territory.Country",
        verbose_name=_("país"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_units",
    )
    address = models.CharField(_("endereço"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("telefone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("sítio"), blank=True)
    opening_hours = models.CharField(_("horário de atendimento"), max_length=200, blank=True)
    languages = models.CharField(_("idiomas"), max_length=200, blank=True, help_text=_("Separados por vírgula."))
    audience = models.CharField(_("público atendido"), max_length=300, blank=True)
    # Names of fields of this unit that must never be public (besides a shelter's address, always restricted).
    restricted_fields = models.JSONField(_("campos restritos"), default=list, blank=True)
    last_verified = models.DateField(_("verificado em"), null=True, blank=True)
    maintained_by = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("mantido por"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="maintained_units",
    )
    active = models.BooleanField(_("ativa"), default=True)
    search_text = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("unidade da rede")
        verbose_name_plural = _("unidades da rede")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def uf_id(self):
        """IBGE code of the unit's UF, or None abroad."""
        return self.municipality.uf_id if self.municipality_id else None

    def clean(self):
        if self.kind in KINDS_ABROAD and not self.country_id:
            raise ValidationError({"country": _("Informe o país de unidades no exterior.")})
        if self.kind not in KINDS_ABROAD and not self.municipality_id:
            raise ValidationError({"municipality": _("Informe o município da unidade.")})
        unknown = sorted(set(self.restricted_fields or []) - set(RESTRICTABLE_FIELDS))
        if unknown:
            message = _("Campos que não podem ser restritos: %(fields)s.") % {"fields": ", ".join(unknown)}
            raise ValidationError({"restricted_fields": message})

    def public_restricted_fields(self) -> set[str]:
        """Fields that never leave the platform for this unit."""
        fields = set(self.restricted_fields or [])
        if self.kind in KINDS_WITH_RESTRICTED_ADDRESS:
            fields |= {"address", "latitude", "longitude"}
        return fields

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.get_kind_display()}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)
        if not self.code:
            self.code = f"U{self.pk:05d}"
            Unit.objects.filter(pk=self.pk).update(code=self.code)


class UnitMember(models.Model):
    """A professional of a unit (role ``network_professional``): the unit's staff in the referral flow."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("usuário"),
        on_delete=models.CASCADE,
        related_name="unit_memberships",
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unidade"), on_delete=models.CASCADE, related_name="members")
    active = models.BooleanField(_("ativo"), default=True)
    since = models.DateField(_("desde"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profissional da unidade")
        verbose_name_plural = _("profissionais das unidades")
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="network_unitmember_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.unit}"
