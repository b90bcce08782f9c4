"""Registries that evidence the plan's activities: trainings, specialists, informative materials,
international agreements and forums/events. Each item may be linked to the plan activities it serves."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Audience(models.TextChoices):
    PUBLIC = "public", _("Público em geral")
    POLICE = "police", _("Polícias")
    LABOUR_INSPECTION = "labour_inspection", _("Inspeção do trabalho")
    SOCIAL_ASSISTANCE = "social_assistance", _("Assistência social")
    HEALTH = "health", _("Saúde")
    EDUCATION = "education", _("Educação")
    CONSULAR = "consular", _("Rede consular")
    JUSTICE = "justice", _("Sistema de justiça")
    CIVIL_SOCIETY = "civil_society", _("Sociedade civil")
    PRIVATE_SECTOR = "private_sector", _("Setor privado")
    INDIGENOUS = "indigenous", _("Povos indígenas")
    LGBTQIA = "lgbtqia", _("Pessoas LGBTQIA+")
    MIGRANTS = "migrants", _("Migrantes e refugiados")
    CHILDREN = "children", _("Crianças e adolescentes")
    RURAL_WORKERS = "rural_workers", _("Trabalhadores rurais")
    DOMESTIC_WORKERS = "domestic_workers", _("Trabalhadoras domésticas")


# Groups the gap table of informative materials crosses with the languages (activity 3.3.1).
VULNERABLE_AUDIENCES = (
    Audience.INDIGENOUS, Audience.LGBTQIA, Audience.MIGRANTS, Audience.CHILDREN, Audience.RURAL_WORKERS,
    Audience.DOMESTIC_WORKERS, Audience.PUBLIC,
)  # fmt: skip


class Language(models.TextChoices):
    PORTUGUESE = "pt", _("Português")
    SPANISH = "es", _("Espanhol")
    ENGLISH = "en", _("Inglês")
    FRENCH = "fr", _("Francês")
    HAITIAN_CREOLE = "ht", _("Crioulo haitiano")
    WARAO = "warao", _("Warao")
    LIBRAS = "libras", _("Libras")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("Presencial")
    ONLINE = "online", _("A distância")
    HYBRID = "hybrid", _("Híbrido")


def _activities(related_name: str):
    return models.ManyToManyField(
        "plans.Activity", verbose_name=_("atividades do plano"), blank=True, related_name=related_name
    )


class Training(models.Model):
    """One offering of a course (capacitação): participants in aggregate only, never a named list here."""

    title = models.CharField(_("curso"), max_length=300)
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("instituição"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="trainings",
    )  # fmt: skip
    audience = models.CharField(_("público"), max_length=30, choices=Audience.choices)
    mode = models.CharField(_("modalidade"), max_length=20, choices=Mode.choices)
    uf = models.CharField(_("UF"), max_length=2, blank=True)
    start_date = models.DateField(_("início"))
    end_date = models.DateField(_("fim"), null=True, blank=True)
    workload_hours = models.PositiveSmallIntegerField(_("carga horária (horas)"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participantes"), default=0)
    digital_module = models.BooleanField(_("módulo digital do catálogo (1.4.4)"), default=False)
    activities = _activities("trainings")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("capacitação")
        verbose_name_plural = _("capacitações")
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title


class Specialist(models.Model):
    """Bank of specialists (1.4.3). The public sees a profile only with the specialist's recorded consent."""

    name = models.CharField(_("nome"), max_length=200)
    email = models.EmailField(_("e-mail (nunca público)"), blank=True)
    themes = models.CharField(_("temas"), max_length=300)
    languages = models.CharField(_("idiomas"), max_length=200, blank=True)
    uf = models.CharField(_("UF"), max_length=2, blank=True)
    availability = models.CharField(_("disponibilidade"), max_length=200, blank=True)
    public_consent = models.BooleanField(_("consentiu com o perfil público"), default=False)
    consent_recorded_on = models.DateField(_("consentimento registrado em"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("especialista")
        verbose_name_plural = _("especialistas")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(public_consent=False) | models.Q(consent_recorded_on__isnull=False),
                name="network_specialist_consent_recorded",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MaterialKind(models.TextChoices):
    BOOKLET = "cartilha", _("Cartilha")
    VIDEO = "video", _("Vídeo")
    POSTER = "cartaz", _("Cartaz")
    COURSE = "curso", _("Curso")
    GUIDE = "guia", _("Guia")
    OTHER = "outro", _("Outro")


class Material(models.Model):
    title = models.CharField(_("título"), max_length=300)
    kind = models.CharField(_("tipo"), max_length=20, choices=MaterialKind.choices)
    audiences = models.JSONField(_("públicos"), default=list, blank=True)
    languages = models.JSONField(_("idiomas"), default=list, blank=True)
    file_format = models.CharField(_("formato"), max_length=50, blank=True)
    libras = models.BooleanField(_("com Libras"), default=False)
    audio_description = models.BooleanField(_("com audiodescrição"), default=False)
    plain_language = models.BooleanField(_("em linguagem simples"), default=False)
    licence = models.CharField(_("licença"), max_length=100, blank=True)
    link = models.URLField(_("link"), blank=True)
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("instituição"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="materials",
    )  # fmt: skip
    published_on = models.DateField(_("data"), null=True, blank=True)
    activities = _activities("materials")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material informativo")
        verbose_name_plural = _("materiais informativos")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class AgreementStatus(models.TextChoices):
    NEGOTIATION = "negotiation", _("Em negociação")
    SIGNED = "signed", _("Assinado")
    IN_FORCE = "in_force", _("Em vigor")
    TERMINATED = "terminated", _("Encerrado")


class Agreement(models.Model):
    title = models.CharField(_("título"), max_length=300)
    parties = models.CharField(_("partes"), max_length=300)
    multilateral = models.BooleanField(_("multilateral"), default=False)
    instrument = models.CharField(_("instrumento"), max_length=100, blank=True)
    status = models.CharField(_("situação"), max_length=20, choices=AgreementStatus.choices)
    signed_on = models.DateField(_("assinado em"), null=True, blank=True)
    in_force_on = models.DateField(_("em vigor desde"), null=True, blank=True)
    non_criminalisation = models.BooleanField(_("prevê a não criminalização das vítimas"), default=False)
    link = models.URLField(_("texto"), blank=True)
    activities = _activities("agreements")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("acordo internacional")
        verbose_name_plural = _("acordos internacionais")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    """International forums and events (2.7.1) for the annual calendar, with what was agreed (2.7.2)."""

    name = models.CharField(_("nome"), max_length=300)
    starts_on = models.DateField(_("início"))
    ends_on = models.DateField(_("fim"), null=True, blank=True)
    location = models.CharField(_("local"), max_length=200, blank=True)
    participants = models.TextField(_("participantes brasileiros"), blank=True)
    deliverables = models.TextField(_("deliberações e entregas acordadas"), blank=True)
    link = models.URLField(_("link"), blank=True)
    activities = _activities("network_events")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fórum ou evento")
        verbose_name_plural = _("fóruns e eventos")
        ordering = ["starts_on", "name"]

    def __str__(self) -> str:
        return self.name
