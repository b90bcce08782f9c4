"""Trafficking events (HTCDS "historic trafficking events"): recruitment, transit, exploitation."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pnetp.territory.models import Country

from ..fields import VocabularyField

BRAZIL = "BR"


class Event(models.Model):
    case = models.ForeignKey(
        "sisetp.Case",
        verbose_name=_("caso"),
        on_delete=models.CASCADE,
        related_name="events",
        help_text=_("Caso em que o evento ocorreu."),
    )
    kind = VocabularyField(
        "event_kind",
        verbose_name=_("tipo"),
        null=False,
        blank=False,
        help_text=_("Aliciamento, trânsito ou exploração."),
    )
    sequence = models.PositiveSmallIntegerField(
        _("ordem"), default=1, help_text=_("Ordem do evento entre os do mesmo tipo (por exemplo, países de trânsito).")
    )
    date = models.DateField(
        _("data"), null=True, blank=True, help_text=_("Primeiro dia do período conhecido; vazio se desconhecida.")
    )
    date_precision = VocabularyField(
        "date_precision",
        verbose_name=_("precisão da data"),
        help_text=_("Dia, mês ou ano; obrigatória quando há data."),
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("município"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # see migration 0017: no query looks events up by place
        related_name="+",
        help_text=_("Município do evento (código IBGE), quando conhecido."),
    )
    federative_unit = models.ForeignKey(
        "territory.FederativeUnit",
        verbose_name=_("UF"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # see migration 0017: no query looks events up by place
        related_name="+",
        help_text=_("UF do evento; deduzida do município quando ele é informado."),
    )
    country = models.ForeignKey(
        "territory.Country",
        verbose_name=_("país"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # see migration 0017: no query looks events up by place
        related_name="+",
        help_text=_("País do evento (ISO 3166-1); Brasil quando há UF ou município."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evento")
        verbose_name_plural = _("eventos")
        ordering = ["case", "kind", "sequence"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date__isnull=True) | models.Q(date_precision__isnull=False),
                name="sisetp_event_date_has_precision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.place_label() or '?'}"

    def place_label(self) -> str:
        return str(self.municipality or self.federative_unit or self.country or "")

    def clean(self):
        if self.date and not self.date_precision:
            raise ValidationError({"date_precision": _("Informe a precisão da data.")})
        if self.date and self.date_precision == "mes" and self.date.day != 1:
            raise ValidationError({"date": _("Com precisão de mês, use o primeiro dia do mês.")})
        if self.date and self.date_precision == "ano" and (self.date.month, self.date.day) != (1, 1):
            raise ValidationError({"date": _("Com precisão de ano, use 1º de janeiro.")})
        if self.municipality_id and self.federative_unit_id and self.municipality.uf_id != self.federative_unit_id:
            raise ValidationError({"federative_unit": _("O município não pertence a esta UF.")})
        if (self.municipality_id or self.federative_unit_id) and self.country_id and self.country_id != BRAZIL:
            raise ValidationError({"country": _("Município e UF só existem no Brasil.")})

    def save(self, *args, **kwargs):
        # The most precise place given implies the broader ones, so queries by UF or country see it.
        if self.municipality_id and not self.federative_unit_id:
            self.federative_unit_id = self.municipality.uf_id
        if self.federative_unit_id and not self.country_id:
            self.country_id = Country.objects.filter(pk=BRAZIL).values_list("pk", flat=True).first()
        super().save(*args, **kwargs)
