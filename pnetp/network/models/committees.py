"""Committees (CONATRAP and the state, district and municipal committees) and their seats.

A seat is one person's mandate: it ends (``end_date``) when the member leaves, and a new seat is
created for the successor, so the composition on any date can be read back. Parity is counted over
the holders of the voting segments (see ``pnetp.network.services.committees.parity``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CommitteeKind(models.TextChoices):
    NATIONAL = "national", _("Nacional (CONATRAP)")
    STATE = "state", _("Estadual")
    DISTRICT = "district", _("Distrital")
    MUNICIPAL = "municipal", _("Municipal")


class Segment(models.TextChoices):
    GOVERNMENT = "government", _("Governo")
    CIVIL_SOCIETY = "civil_society", _("Sociedade civil")
    OTHER = "other", _("Outro (sem voto)")


class SeatRole(models.TextChoices):
    HOLDER = "holder", _("Titular")
    ALTERNATE = "alternate", _("Suplente")


class Position(models.TextChoices):
    PRESIDENT = "presidente", _("Presidente")
    VICE_PRESIDENT = "vice_presidente", _("Vice-presidente")
    EXECUTIVE_SECRETARY = "secretaria_executiva", _("Secretaria-executiva")
    MEMBER = "membro", _("Membro")


class Committee(models.Model):
    slug = models.SlugField(_("identificador"), max_length=60, unique=True)
    name = models.CharField(_("nome"), max_length=300)
    acronym = models.CharField(_("sigla"), max_length=40, blank=True)
    kind = models.CharField(_("abrangência"), max_length=20, choices=CommitteeKind.choices)
    uf = models.ForeignKey(
        "territory.FederativeUnit",
        verbose_name=_("UF"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        verbose_name=_("município"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
    )
    act_name = models.CharField(_("ato de criação"), max_length=200, blank=True, help_text=_("Tipo e número."))
    act_date = models.DateField(_("data do ato"), null=True, blank=True)
    act_url = models.URLField(_("link do ato"), blank=True)
    secretariat = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição da secretaria-executiva"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_secretariats",
    )
    rules = models.TextField(_("regimento e regras"), blank=True)
    parity_government = models.PositiveSmallIntegerField(_("assentos do governo"), default=0)
    parity_civil_society = models.PositiveSmallIntegerField(_("assentos da sociedade civil"), default=0)
    parity_act = models.CharField(_("ato que fixa a composição"), max_length=200, blank=True)
    meeting_every_months = models.PositiveSmallIntegerField(
        _("periodicidade das reuniões ordinárias (meses)"), default=3
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quórum (% dos assentos com voto)"),
        default=50,
        help_text=_("Instala-se com mais que esta parcela dos assentos com voto presentes."),
    )
    active = models.BooleanField(_("ativo"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comitê")
        verbose_name_plural = _("comitês")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("network:committee", args=[self.slug])

    def clean(self):
        if self.kind in (CommitteeKind.STATE, CommitteeKind.DISTRICT) and not self.uf_id:
            raise ValidationError({"uf": _("Informe a UF do comitê estadual ou distrital.")})
        if self.kind == CommitteeKind.MUNICIPAL and not self.municipality_id:
            raise ValidationError({"municipality": _("Informe o município do comitê municipal.")})


class Seat(models.Model):
    committee = models.ForeignKey(Committee, verbose_name=_("comitê"), on_delete=models.CASCADE, related_name="seats")
    segment = models.CharField(_("segmento"), max_length=20, choices=Segment.choices)
    role = models.CharField(_("titularidade"), max_length=20, choices=SeatRole.choices, default=SeatRole.HOLDER)
    institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("instituição"),
        on_delete=models.PROTECT,
        related_name="committee_seats",
    )
    person_name = models.CharField(_("nome da pessoa"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("conta de usuário"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_seats",
    )
    position = models.CharField(_("cargo"), max_length=30, choices=Position.choices, default=Position.MEMBER)
    term_start = models.DateField(_("início do mandato"))
    term_end = models.DateField(_("fim do mandato"), null=True, blank=True)
    designation_act = models.CharField(_("ato de designação"), max_length=200, blank=True)
    end_date = models.DateField(_("saída em"), null=True, blank=True, help_text=_("Quando o membro deixou o assento."))
    end_reason = models.CharField(_("motivo da saída"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assento")
        verbose_name_plural = _("assentos")
        ordering = ["committee", "segment", "institution__acronym", "role"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True) | models.Q(term_end__gte=models.F("term_start")),
                name="network_seat_term_order",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("term_start")),
                name="network_seat_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee} — {self.institution} ({self.get_role_display()})"

    def is_active_on(self, day) -> bool:
        ended = self.end_date is not None and self.end_date <= day
        expired = self.term_end is not None and self.term_end < day
        return self.term_start <= day and not ended and not expired
