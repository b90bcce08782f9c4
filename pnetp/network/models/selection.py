"""Civil-society selection processes (editais): the call, the organisations registered, and those elected.

Closing a process (``services.selection.process_close``) creates the civil-society seats of the elected
organisations; contacts of the organisations are for the committee's managers, never public.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .committees import Committee, Seat


class SelectionProcess(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("comitê"), on_delete=models.CASCADE, related_name="selection_processes"
    )
    title = models.CharField(_("título"), max_length=300)
    call_number = models.CharField(_("número do edital"), max_length=60)
    call_url = models.URLField(_("link do edital"), blank=True)
    registration_start = models.DateField(_("início das inscrições"))
    registration_end = models.DateField(_("fim das inscrições"))
    election_date = models.DateField(_("data da eleição"), null=True, blank=True)
    holder_seats = models.PositiveSmallIntegerField(_("vagas de titular"))
    alternate_seats = models.PositiveSmallIntegerField(_("vagas de suplente"), default=0)
    term_start = models.DateField(_("início do mandato dos eleitos"), null=True, blank=True)
    term_end = models.DateField(_("fim do mandato dos eleitos"), null=True, blank=True)
    closed_at = models.DateTimeField(_("encerrado em"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("processo seletivo (edital)")
        verbose_name_plural = _("processos seletivos (editais)")
        ordering = ["committee", "-registration_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_end__gte=models.F("registration_start")),
                name="network_selection_registration_order",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="network_selection_term_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call_number} — {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("network:selection", args=[self.committee.slug, self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class CandidateStatus(models.TextChoices):
    REGISTERED = "inscrita", _("Inscrita")
    QUALIFIED = "habilitada", _("Habilitada")
    DISQUALIFIED = "inabilitada", _("Inabilitada")
    ELECTED_HOLDER = "eleita_titular", _("Eleita titular")
    ELECTED_ALTERNATE = "eleita_suplente", _("Eleita suplente")


ELECTED = (CandidateStatus.ELECTED_HOLDER, CandidateStatus.ELECTED_ALTERNATE)


class Candidate(models.Model):
    """An organisation registered in a selection process."""

    process = models.ForeignKey(
        SelectionProcess, verbose_name=_("processo seletivo"), on_delete=models.CASCADE, related_name="candidates"
    )
    name = models.CharField(_("nome da organização"), max_length=300)
    acronym = models.CharField(_("sigla"), max_length=40, blank=True)
    cnpj = models.CharField(_("CNPJ"), max_length=14)
    contact_name = models.CharField(_("nome do contato"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail do contato"), blank=True)
    contact_phone = models.CharField(_("telefone do contato"), max_length=40, blank=True)
    status = models.CharField(
        _("situação"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.REGISTERED
    )
    reason = models.CharField(_("motivo da inabilitação"), max_length=500, blank=True)
    institution = models.ForeignKey(
        "institutions.Institution", verbose_name=_("instituição cadastrada"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="selection_candidacies",
    )  # fmt: skip
    seat = models.OneToOneField(
        Seat,
        verbose_name=_("assento criado"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidacy",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organização inscrita")
        verbose_name_plural = _("organizações inscritas")
        ordering = ["process", "name"]
        constraints = [
            models.UniqueConstraint(fields=["process", "cnpj"], name="network_candidate_cnpj_once"),
            models.CheckConstraint(
                condition=~models.Q(status="inabilitada") | ~models.Q(reason=""), name="network_candidate_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.name
