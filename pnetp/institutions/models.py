"""Institutions: the bodies that carry out the plan (ministries, state secretariats, courts, NGOs...)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pnetp.core.text import fold

UF_CHOICES = [
    ("AC", "Acre"), ("AL", "Alagoas"), ("AP", "Amapá"), ("AM", "Amazonas"), ("BA", "Bahia"),
    ("CE", "Ceará"), ("DF", "Distrito Federal"), ("ES", "Espírito Santo"), ("GO", "Goiás"),
    ("MA", "Maranhão"), ("MT", "Mato Grosso"), ("MS", "Mato Grosso do Sul"), ("MG", "Minas Gerais"),
    ("PA", "Pará"), ("PB", "Paraíba"), ("PR", "Paraná"), ("PE", "Pernambuco"), ("PI", "Piauí"),
    ("RJ", "Rio de Janeiro"), ("RN", "Rio Grande do Norte"), ("RS", "Rio Grande do Sul"),
    ("RO", "Rondônia"), ("RR", "Roraima"), ("SC", "Santa Catarina"), ("SP", "São Paulo"),
    ("SE", "Sergipe"), ("TO", "Tocantins"),
]  # fmt: skip


class Institution(models.Model):
    class Kind(models.TextChoices):
        FEDERAL = "federal", _("Governo federal")
        STATE = "state", _("Governo estadual ou distrital")
        MUNICIPAL = "municipal", _("Governo municipal")
        JUSTICE = "justice", _("Sistema de justiça")
        CIVIL_SOCIETY = "civil_society", _("Organização da sociedade civil")
        INTERNATIONAL = "international", _("Organização internacional")
        PRIVATE = "private", _("Setor privado")

    # Kinds whose institutions sit in one federative unit.
    KINDS_WITH_UF = {Kind.STATE, Kind.MUNICIPAL}

    name = models.CharField(_("nome"), max_length=300)
    acronym = models.CharField(_("sigla"), max_length=40, unique=True)
    kind = models.CharField(_("natureza"), max_length=20, choices=Kind.choices)
    uf = models.CharField(_("UF"), max_length=2, choices=UF_CHOICES, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("órgão superior"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    website = models.URLField(_("sítio"), blank=True)
    active = models.BooleanField(_("ativa"), default=True)
    # Folded "acronym name" so search ignores accents and case on SQLite and PostgreSQL alike.
    search_text = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("instituição")
        verbose_name_plural = _("instituições")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.acronym} — {self.name}" if self.acronym else self.name

    def clean(self):
        if self.kind in self.KINDS_WITH_UF and not self.uf:
            raise ValidationError({"uf": _("Informe a UF de instituições estaduais ou municipais.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("O órgão superior não pode ser a própria instituição.")})
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.acronym} {self.name}")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("institutions:detail", kwargs={"pk": self.pk})
