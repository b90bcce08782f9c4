"""Reads of the registries (trainings, specialists, materials, agreements, events): public lists, the material
gap table, and the counts of items linked to a plan activity (its evidence)."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import (
    VULNERABLE_AUDIENCES,
    Agreement,
    Audience,
    Event,
    Language,
    Material,
    Specialist,
    Training,
)


def public_trainings() -> QuerySet[Training]:
    return Training.objects.select_related("institution")


def public_specialists() -> list[dict]:
    """Only specialists who consented to a public profile, and never their e-mail."""
    rows = Specialist.objects.filter(public_consent=True, consent_recorded_on__isnull=False).order_by("name")
    return [{"nome": s.name, "temas": s.themes, "idiomas": s.languages, "uf": s.uf, "disponibilidade": s.availability}
            for s in rows]  # fmt: skip


def public_materials() -> QuerySet[Material]:
    return Material.objects.select_related("institution")


@dataclass
class GapRow:
    audience: str
    cells: list[int]  # materials per language, in Language order


def material_gaps() -> tuple[list[str], list[GapRow]]:
    """Audiences × languages: how many materials serve each pair; 0 is a gap (activity 3.3.1)."""
    counts: dict[tuple[str, str], int] = {}
    for audiences, languages in Material.objects.values_list("audiences", "languages"):
        for audience in audiences or []:
            for language in languages or []:
                counts[audience, language] = counts.get((audience, language), 0) + 1
    labels = dict(Audience.choices)
    rows = [
        GapRow(str(labels[a]), [counts.get((a, lang), 0) for lang in Language.values]) for a in VULNERABLE_AUDIENCES
    ]
    return [str(label) for label in Language.labels], rows


def public_agreements() -> QuerySet[Agreement]:
    return Agreement.objects.all()


def events_of_year(year: int) -> QuerySet[Event]:
    return Event.objects.filter(starts_on__year=year).order_by("starts_on", "name")


@dataclass
class ActivityEvidence:
    trainings: int
    participants: int
    materials: int
    agreements: int
    events: int

    @property
    def any(self) -> bool:
        return bool(self.trainings or self.materials or self.agreements or self.events)


def _linked(model, aggregate) -> Coalesce:
    """A scalar subquery over ``model`` items linked to the outer activity."""
    rows = model.objects.filter(activities=OuterRef("pk")).order_by().values("activities")
    return Coalesce(Subquery(rows.annotate(v=aggregate).values("v")[:1], output_field=IntegerField()), Value(0))


def activity_evidence(activity) -> ActivityEvidence:
    """All counts in one query (the activity page keeps a fixed query budget)."""
    row = (
        type(activity).objects.filter(pk=activity.pk).values("pk").annotate(
            trainings=_linked(Training, Count("pk")), participants=_linked(Training, Sum("participants")),
            materials=_linked(Material, Count("pk")), agreements=_linked(Agreement, Count("pk")),
            events=_linked(Event, Count("pk")),
        ).get()
    )  # fmt: skip
    return ActivityEvidence(row["trainings"], row["participants"], row["materials"], row["agreements"], row["events"])
