"""Meetings of a committee: agenda, attendance per seat, minutes (draft, then approved) and decisions.

Attendance is recorded per seat; the quorum is counted over the voting holders' seats (government and civil
society) — a seat counts as present when its holder came or its alternate sat in the holder's place.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .committees import Committee, Seat


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinária")
    EXTRAORDINARY = "extraordinary", _("Extraordinária")


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("Presencial")
    ONLINE = "online", _("Virtual")
    HYBRID = "hybrid", _("Híbrida")


class MinutesStatus(models.TextChoices):
    NONE = "none", _("Sem ata")
    DRAFT = "draft", _("Minuta")
    APPROVED = "approved", _("Aprovada")


class Meeting(models.Model):
    committee = models.ForeignKey(
        Committee, verbose_name=_("comitê"), on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.ORDINARY)
    number = models.PositiveSmallIntegerField(_("número"), help_text=_("Número da reunião no seu tipo."))
    starts_at = models.DateTimeField(_("início"))
    ends_at = models.DateTimeField(_("fim"), null=True, blank=True)
    mode = models.CharField(_("formato"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.HYBRID)
    location = models.CharField(_("local ou link"), max_length=300, blank=True)
    held = models.BooleanField(_("realizada"), default=False)
    cancelled = models.BooleanField(_("cancelada"), default=False)
    convoked_at = models.DateTimeField(_("convocação enviada em"), null=True, blank=True)
    minutes = models.TextField(_("ata"), blank=True)
    minutes_status = models.CharField(
        _("situação da ata"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_approved_in = models.ForeignKey(
        "self", verbose_name=_("ata aprovada na reunião"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="approved_minutes",
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reunião")
        verbose_name_plural = _("reuniões")
        ordering = ["committee", "-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "kind", "number"], name="network_meeting_number_unique"),
            models.CheckConstraint(
                condition=~models.Q(minutes_status="approved") | models.Q(minutes_approved_in__isnull=False),
                name="network_meeting_minutes_approved_in",
            ),
        ]

    def __str__(self) -> str:
        return _("%(number)dª Reunião %(kind)s — %(committee)s") % {
            "number": self.number, "kind": self.get_kind_display(), "committee": self.committee,
        }  # fmt: skip

    def get_absolute_url(self) -> str:
        return reverse("network:meeting", args=[self.committee.slug, self.pk])


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("reunião"), on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("ordem"))
    title = models.CharField(_("assunto"), max_length=300)
    presenter = models.CharField(_("quem apresenta"), max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField(_("duração (minutos)"), null=True, blank=True)
    activities = models.ManyToManyField(
        "plans.Activity", verbose_name=_("atividades do plano"), blank=True, related_name="committee_agenda_items"
    )
    history = HistoricalRecords(m2m_fields=[activities])

    class Meta:
        verbose_name = _("item de pauta")
        verbose_name_plural = _("itens de pauta")
        ordering = ["meeting", "order"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class AttendanceStatus(models.TextChoices):
    HOLDER_PRESENT = "holder_present", _("Titular presente")
    ALTERNATE_IN_PLACE = "alternate_in_place", _("Suplente em exercício")
    ABSENT_JUSTIFIED = "absent_justified", _("Ausente com justificativa")
    ABSENT = "absent", _("Ausente sem justificativa")


PRESENT = (AttendanceStatus.HOLDER_PRESENT, AttendanceStatus.ALTERNATE_IN_PLACE)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, verbose_name=_("reunião"), on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(Seat, verbose_name=_("assento"), on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("presença"), max_length=20, choices=AttendanceStatus.choices)
    justification = models.CharField(_("justificativa"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("presença")
        verbose_name_plural = _("presenças")
        constraints = [models.UniqueConstraint(fields=["meeting", "seat"], name="network_attendance_unique")]

    def __str__(self) -> str:
        return f"{self.seat} — {self.get_status_display()}"


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Em aberto")
    IN_PROGRESS = "in_progress", _("Em andamento")
    DONE = "done", _("Cumprida")
    CANCELLED = "cancelled", _("Cancelada")


OPEN_DECISION_STATUSES = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)


class Decision(models.Model):
    """A deliberação: what the committee decided, who must do it, by when, and the plan activities concerned."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("reunião"), on_delete=models.CASCADE, related_name="decisions")
    number = models.CharField(_("número"), max_length=30)
    text = models.TextField(_("deliberação"))
    responsible = models.ForeignKey(
        "institutions.Institution", verbose_name=_("instituição responsável"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="committee_decisions",
    )  # fmt: skip
    deadline = models.DateField(_("prazo"), null=True, blank=True)
    status = models.CharField(_("situação"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    status_note = models.TextField(_("nota sobre a situação"), blank=True)
    activities = models.ManyToManyField(
        "plans.Activity", verbose_name=_("atividades do plano"), blank=True, related_name="committee_decisions"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deliberação")
        verbose_name_plural = _("deliberações")
        ordering = ["meeting__starts_at", "number"]

    def __str__(self) -> str:
        return _("Deliberação %(number)s") % {"number": self.number}
