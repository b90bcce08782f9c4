"""PRF's Projeto Mapear: points on federal highways surveyed for vulnerability to sexual exploitation of
children and adolescents and to trafficking in persons, each with a risk grade and observed attributes.

The points are places (a petrol station, a bus stop), never people, so they are public.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class RiskGrade(models.TextChoices):
    # Declared from lowest to highest: tables and legends follow this order.
    LOW = "baixo", _("Baixo")
    MEDIUM = "medio", _("Médio")
    HIGH = "alto", _("Alto")
    CRITICAL = "critico", _("Crítico")


class PointKind(models.TextChoices):
    FUEL_STATION = "posto_combustivel", _("Posto de combustível")
    RESTAURANT = "restaurante", _("Restaurante ou lanchonete")
    BUS_STOP = "ponto_onibus", _("Ponto de ônibus")
    LODGING = "hospedagem", _("Hotel, motel ou pousada")
    BAR = "bar", _("Bar ou casa noturna")
    REPAIR_SHOP = "borracharia", _("Borracharia ou oficina")
    REST_AREA = "area_descanso", _("Área de descanso ou acostamento")
    OTHER = "outro", _("Outro")


# (field name, CSV column, label): the attributes observed at each point, in display order.
ATTRIBUTES = [
    ("iluminacao", "iluminacao", _("Iluminação")),
    ("estacionamento", "estacionamento", _("Estacionamento")),
    ("criancas_presentes", "criancas", _("Crianças ou adolescentes presentes")),
    ("consumo_alcool", "alcool", _("Consumo de álcool")),
    ("prostituicao_observada", "prostituicao", _("Prostituição observada")),
    ("seguranca_privada", "seguranca_privada", _("Segurança privada")),
    ("conselho_tutelar_proximo", "conselho_tutelar", _("Conselho tutelar próximo")),
]


class MapearSurvey(models.Model):
    year = models.PositiveSmallIntegerField(
        _("ano da edição"), unique=True, validators=[MinValueValidator(2003), MaxValueValidator(2100)]
    )
    source_note = models.CharField(_("fonte"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("criada em"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("edição do Projeto Mapear")
        verbose_name_plural = _("edições do Projeto Mapear")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Mapear %(year)d") % {"year": self.year}


def _observed(label):
    # NULL means "not observed": a missing answer must never read as "no".
    return models.BooleanField(label, null=True, blank=True, default=None)


class HighwayPoint(models.Model):
    survey = models.ForeignKey(MapearSurvey, verbose_name=_("edição"), on_delete=models.CASCADE, related_name="points")
    point_id = models.CharField(_("identificador do ponto"), max_length=40)
    highway = models.CharField(_("rodovia"), max_length=6, db_index=True)  # "BR-116"
    km = models.DecimalField(_("km"), max_digits=7, decimal_places=3)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    municipality = models.ForeignKey(
        "territory.Municipality", verbose_name=_("município"), on_delete=models.PROTECT, related_name="+"
    )
    # Copied from the municipality on save: counts and filters by UF need no join.
    uf = models.ForeignKey(
        "territory.FederativeUnit", verbose_name=_("UF"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    risk_grade = models.CharField(_("grau de risco"), max_length=10, choices=RiskGrade.choices, db_index=True)
    kind = models.CharField(_("tipo de ponto"), max_length=20, choices=PointKind.choices, blank=True)
    iluminacao = _observed(_("iluminação"))
    estacionamento = _observed(_("estacionamento"))
    criancas_presentes = _observed(_("crianças ou adolescentes presentes"))
    consumo_alcool = _observed(_("consumo de álcool"))
    prostituicao_observada = _observed(_("prostituição observada"))
    seguranca_privada = _observed(_("segurança privada"))
    conselho_tutelar_proximo = _observed(_("conselho tutelar próximo"))
    notes = models.TextField(_("observações"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ponto em rodovia federal")
        verbose_name_plural = _("pontos em rodovias federais")
        ordering = ["highway", "km"]
        constraints = [models.UniqueConstraint(fields=["survey", "point_id"], name="mapear_unique_point_in_survey")]

    def __str__(self) -> str:
        return f"{self.highway}, km {self.km_label}"

    @property
    def km_label(self) -> str:
        """ "116,4" (decimal comma, no trailing zeros)."""
        return format(self.km.normalize(), "f").replace(".", ",")

    def save(self, *args, **kwargs):
        if self.municipality_id:
            self.uf_id = self.municipality.uf_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("mapear:point", args=[self.pk])

    def attributes(self) -> list[tuple[str, bool | None]]:
        """(label, value) of every attribute; value None when not observed."""
        return [(label, getattr(self, name)) for name, _column, label in ATTRIBUTES]

    def present_attributes(self) -> list[str]:
        """Labels of the attributes observed as present."""
        return [label for label, value in self.attributes() if value]
