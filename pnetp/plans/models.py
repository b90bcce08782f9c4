"""The plan as data: Plan → Axis (eixo) → PriorityAction (ação prioritária) → Activity (atividade).

Codes are the official ones ("1", "1.1", "1.1.3") and are unique within a plan, so a revised
document updates records in place by code. Every model keeps its history (django-simple-history).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pnetp.core.text import fold


def code_sort_key(code: str) -> tuple[int, ...]:
    """Natural order of official codes: 1.1.10 comes after 1.1.9."""
    return tuple(int(part) for part in code.split(".") if part.isdigit())


class Plan(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("Nacional")
        STATE = "state", _("Estadual")
        MUNICIPAL = "municipal", _("Municipal")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Rascunho")
        PUBLISHED = "published", _("Publicado")

    slug = models.SlugField(_("identificador"), max_length=80, unique=True)
    title = models.CharField(_("título"), max_length=300)
    short_title = models.CharField(_("título curto"), max_length=80, blank=True)
    description = models.TextField(_("apresentação"), blank=True)
    kind = models.CharField(_("abrangência"), max_length=20, choices=Kind.choices, default=Kind.NATIONAL)
    start_year = models.PositiveSmallIntegerField(_("ano inicial"))
    end_year = models.PositiveSmallIntegerField(_("ano final"))
    # "BR" for the national plan, a UF abbreviation ("SP") or an IBGE municipality code ("3550308").
    territory = models.CharField(_("território"), max_length=20, default="BR")
    status = models.CharField(_("situação"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("plano de referência"),
        help_text=_("Plano nacional ao qual este plano estadual ou municipal se alinha."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="aligned_plans",
    )
    source_name = models.CharField(_("documento de origem"), max_length=300, blank=True)
    source_sha256 = models.CharField(_("SHA-256 do documento"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)
    updated_at = models.DateTimeField(_("atualizado em"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plano")
        verbose_name_plural = _("planos")
        ordering = ["-start_year", "title"]

    def __str__(self) -> str:
        return self.short_title or self.title

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    def clean(self):
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("O ano final não pode ser anterior ao ano inicial.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Um plano não pode se alinhar a si mesmo.")})

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", kwargs={"plan": self.slug})


class PlanItem(models.Model):
    """Fields shared by every level of the hierarchy."""

    plan = models.ForeignKey(Plan, verbose_name=_("plano"), on_delete=models.CASCADE)
    code = models.CharField(_("código"), max_length=20)
    position = models.PositiveIntegerField(_("ordem"), default=0)

    class Meta:
        abstract = True
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    @property
    def label(self) -> str:
        raise NotImplementedError

    def get_absolute_url(self) -> str:
        return reverse("plans:item", kwargs={"plan": self.plan.slug, "code": self.code})


class Axis(PlanItem):
    title = models.CharField(_("título"), max_length=300)
    description = models.TextField(_("descrição"), blank=True)
    history = HistoricalRecords()

    class Meta(PlanItem.Meta):
        verbose_name = _("eixo")
        verbose_name_plural = _("eixos")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="axis_code_unique_in_plan")]
        default_related_name = "axes"

    @property
    def label(self) -> str:
        return self.title


class PriorityAction(PlanItem):
    axis = models.ForeignKey(Axis, verbose_name=_("eixo"), on_delete=models.CASCADE, related_name="actions")
    title = models.TextField(_("título"))
    history = HistoricalRecords()

    class Meta(PlanItem.Meta):
        verbose_name = _("ação prioritária")
        verbose_name_plural = _("ações prioritárias")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="action_code_unique_in_plan")]
        default_related_name = "actions"

    @property
    def label(self) -> str:
        return self.title


class Activity(PlanItem):
    action = models.ForeignKey(
        PriorityAction, verbose_name=_("ação prioritária"), on_delete=models.CASCADE, related_name="activities"
    )
    description = models.TextField(_("descrição"))
    # Folded copy (no accents, lower case) so search is accent-insensitive on SQLite and PostgreSQL alike.
    search_text = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta(PlanItem.Meta):
        verbose_name = _("atividade")
        verbose_name_plural = _("atividades")
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="activity_code_unique_in_plan")]
        default_related_name = "activities"

    @property
    def label(self) -> str:
        return self.description

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.code} {self.description}")
        super().save(*args, **kwargs)


class ActivityAlignment(models.Model):
    """A state or municipal activity declared as contributing to a national one.

    The rules (which plans may be linked, who may link) live in ``pnetp.plans.alignment``.
    """

    local_activity = models.ForeignKey(
        Activity,
        verbose_name=_("atividade estadual ou municipal"),
        on_delete=models.CASCADE,
        related_name="national_alignments",
    )
    national_activity = models.ForeignKey(
        Activity, verbose_name=_("atividade nacional"), on_delete=models.CASCADE, related_name="local_alignments"
    )
    note = models.TextField(_("observação"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("criado por"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("criado em"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alinhamento de atividade")
        verbose_name_plural = _("alinhamentos de atividades")
        ordering = ["local_activity__position", "national_activity__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["local_activity", "national_activity"], name="alignment_pair_unique"),
            models.CheckConstraint(
                condition=~models.Q(local_activity=models.F("national_activity")), name="alignment_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.local_activity_id} → {self.national_activity_id}"
