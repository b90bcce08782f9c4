"""Brazil's federative units and municipalities (IBGE) and the countries of ISO 3166-1.

IBGE and ISO codes are the primary keys: they are stable, and other tables and open-data exports then carry
the official code. The tables are editable in the admin (a municipality may be created, as Boa Esperança do
Norte was in 2025); ``pnetp load-territory`` only adds what is missing unless asked to refresh.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .keys import place_key


class Region(models.TextChoices):
    NORTH = "N", _("Norte")
    NORTHEAST = "NE", _("Nordeste")
    CENTRAL_WEST = "CO", _("Centro-Oeste")
    SOUTHEAST = "SE", _("Sudeste")
    SOUTH = "S", _("Sul")


class FederativeUnit(models.Model):
    ibge_code = models.PositiveSmallIntegerField(
        _("código IBGE"), primary_key=True, validators=[MinValueValidator(11), MaxValueValidator(53)]
    )
    abbreviation = models.CharField(
        _("sigla"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use duas letras maiúsculas."))],
    )
    name = models.CharField(_("nome"), max_length=40, unique=True)
    region = models.CharField(_("região"), max_length=2, choices=Region.choices)
    capital = models.ForeignKey(
        "Municipality", verbose_name=_("capital"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Outline in the 613×639 viewBox of @svg-maps/brazil (pnetp.territory.geometry.BRAZIL_VIEWBOX).
    svg_path = models.TextField(_("contorno (caminho SVG)"), blank=True)

    class Meta:
        verbose_name = _("unidade da federação")
        verbose_name_plural = _("unidades da federação")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territory:uf", args=[self.abbreviation.lower()])


class Municipality(models.Model):
    ibge_code = models.PositiveIntegerField(
        _("código IBGE"), primary_key=True, validators=[MinValueValidator(1100000), MaxValueValidator(5399999)]
    )
    name = models.CharField(_("nome"), max_length=80)
    uf = models.ForeignKey(
        FederativeUnit, verbose_name=_("UF"), on_delete=models.PROTECT, related_name="municipalities"
    )
    # Seat of the municipality, SIRGAS 2000 degrees.
    latitude = models.DecimalField(
        _("latitude"), max_digits=7, decimal_places=5, validators=[MinValueValidator(-34), MaxValueValidator(6)]
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, validators=[MinValueValidator(-75), MaxValueValidator(-28)]
    )
    is_capital = models.BooleanField(_("capital da UF"), default=False)
    # GeoJSON geometry (lon/lat), simplified for maps: about 0.5 KB per municipality.
    boundary = models.TextField(_("limite (GeoJSON)"), blank=True)
    note = models.CharField(_("observação"), max_length=300, blank=True)
    # place_key(name): accent-, case- and punctuation-insensitive lookup on every database.
    search_key = models.CharField(max_length=80, editable=False, db_index=True)

    class Meta:
        verbose_name = _("município")
        verbose_name_plural = _("municípios")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["uf", "search_key"], name="territory_unique_name_in_uf")]

    def __str__(self) -> str:
        return f"{self.name}/{self.uf.abbreviation}" if self.uf_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("territory:municipality", args=[self.ibge_code])

    def clean(self):
        # The key is not a form field, so the constraint above would surface as a database error.
        self.search_key = place_key(self.name)
        same_name = Municipality.objects.filter(uf_id=self.uf_id, search_key=self.search_key).exclude(pk=self.pk)
        if self.uf_id and same_name.exists():
            raise ValidationError({"name": _("Já existe um município com este nome nesta UF.")})
        if self.uf_id and self.ibge_code and self.ibge_code // 100000 != self.uf_id:
            raise ValidationError({"ibge_code": _("Os dois primeiros dígitos do código devem ser o código da UF.")})

    def save(self, *args, **kwargs):
        self.search_key = place_key(self.name)
        super().save(*args, **kwargs)


class Country(models.Model):
    alpha2 = models.CharField(_("código ISO alfa-2"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("código ISO alfa-3"), max_length=3, unique=True)
    numeric = models.CharField(_("código ISO numérico"), max_length=3, blank=True)
    name = models.CharField(_("nome"), max_length=100)
    official_name = models.CharField(_("nome oficial"), max_length=150, blank=True)
    aliases = models.TextField(_("outros nomes"), blank=True, help_text=_("Um por linha; também aceitos na busca."))
    # "|key|key|…" of name, official name and aliases, so one __contains finds any of them.
    search_keys = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("país")
        verbose_name_plural = _("países")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def names(self) -> list[str]:
        return [self.name, self.official_name, *self.aliases.splitlines()]

    def build_search_keys(self) -> str:
        keys = dict.fromkeys(k for k in map(place_key, self.names()) if k)
        return "|" + "|".join(keys) + "|"

    def save(self, *args, **kwargs):
        self.search_keys = self.build_search_keys()
        super().save(*args, **kwargs)


class Population(models.Model):
    """Resident population of a municipality in a year (IBGE census or estimate), the denominator of rates."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("município"), on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("ano"), validators=[MinValueValidator(1872), MaxValueValidator(2100)])
    population = models.PositiveIntegerField(_("população"), validators=[MinValueValidator(1)])
    source = models.CharField(_("fonte"), max_length=200)

    class Meta:
        verbose_name = _("população")
        verbose_name_plural = _("populações")
        ordering = ["municipality_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["municipality", "year"], name="territory_population_year")]

    def __str__(self) -> str:
        return f"{self.municipality_id} {self.year}: {self.population}"


class Normalisation(models.TextChoices):
    RANK = "rank", _("posição relativa (percentil entre os valores maiores que zero)")
    MINMAX = "minmax", _("mínimo–máximo ((valor − mínimo) ÷ (máximo − mínimo))")


def _weight(label, help_text):
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=help_text,
    )


class VulnerabilityWeights(models.Model):
    """One version of the weights of the vulnerability index (activity 3.5.1); the newest is in force.

    Rows are never edited: each change by the coordination adds a row, so the list is the history.
    """

    victims = _weight(_("peso: vítimas exploradas no município"), _("Contagem publicada, todos os anos."))
    victim_rate = _weight(
        _("peso: vítimas por 100 mil habitantes"), _("Taxa calculada sobre a contagem publicada e a população.")
    )
    mapear_points = _weight(
        _("peso: pontos de risco alto ou crítico (Projeto Mapear)"), _("Pontos em rodovias federais, última edição.")
    )
    recruitment = _weight(
        _("peso: vítimas aliciadas no município"),
        _("Contagem publicada de vítimas cujo local de aliciamento é o município, todos os anos."),
    )
    normalisation = models.CharField(
        _("normalização"), max_length=10, choices=Normalisation.choices, default=Normalisation.RANK
    )
    reason = models.CharField(_("justificativa da mudança"), max_length=300)
    created_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("alterado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("alterado em"), auto_now_add=True)

    class Meta:
        verbose_name = _("pesos do índice de vulnerabilidade")
        verbose_name_plural = _("pesos do índice de vulnerabilidade")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(victims__gt=0)
                | models.Q(victim_rate__gt=0)
                | models.Q(mapear_points__gt=0)
                | models.Q(recruitment__gt=0),
                name="territory_vulnerability_some_weight",
            )
        ]

    def __str__(self) -> str:
        return _("Pesos de %(date)s") % {"date": self.created_at.date() if self.created_at else "—"}

    def clean(self):
        if not any([self.victims, self.victim_rate, self.mapear_points, self.recruitment]):
            raise ValidationError(_("Ao menos um peso deve ser maior que zero."))
