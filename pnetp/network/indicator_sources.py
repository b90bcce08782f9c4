"""The network's registry counts offered to monitoring indicators (``monitoring.registry_sources``).

Trainings, participants, materials, agreements and events count only the items linked to the indicator's
activity, in the cycle's period (by start date, publication date, date in force). Directory units are a stock
(active units of a kind, on the day of filling); meetings held count every committee's, or one committee's.
"""

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from pnetp.monitoring.registry_sources import RegistrySource, register

from .models import Agreement, AgreementStatus, Committee, Event, Material, Meeting, Training, Unit, UnitKind


def trainings_held(activity, start, end, param) -> int:
    return Training.objects.filter(activities=activity, start_date__range=(start, end)).count()


def training_participants(activity, start, end, param) -> int:
    rows = Training.objects.filter(activities=activity, start_date__range=(start, end))
    return rows.aggregate(n=Sum("participants"))["n"] or 0


def materials_published(activity, start, end, param) -> int:
    return Material.objects.filter(activities=activity, published_on__range=(start, end)).count()


def agreements_in_force(activity, start, end, param) -> int:
    """In force at the end of the period (no date in force recorded: counted as in force)."""
    rows = Agreement.objects.filter(activities=activity, status=AgreementStatus.IN_FORCE)
    return rows.filter(Q(in_force_on__isnull=True) | Q(in_force_on__lte=end)).count()


def events_held(activity, start, end, param) -> int:
    return Event.objects.filter(activities=activity, starts_on__range=(start, end)).count()


def units_of_kind(activity, start, end, param) -> int:
    return Unit.objects.filter(active=True, kind=param).count()


def meetings_held(activity, start, end, param) -> int:
    rows = Meeting.objects.filter(held=True, cancelled=False, starts_at__date__range=(start, end))
    return rows.filter(committee__slug=param).count() if param else rows.count()


def committee_choices() -> list[tuple[str, str]]:
    return [("", str(_("Todos os comitês"))), *Committee.objects.order_by("name").values_list("slug", "name")]


SOURCES = [
    RegistrySource("network.trainings", _("Capacitações realizadas"), trainings_held),
    RegistrySource("network.participants", _("Participantes de capacitações"), training_participants),
    RegistrySource("network.materials", _("Materiais informativos publicados"), materials_published),
    RegistrySource("network.agreements", _("Acordos internacionais em vigor"), agreements_in_force),
    RegistrySource("network.events", _("Fóruns e eventos internacionais"), events_held),
    RegistrySource("network.units", _("Unidades da rede (por tipo)"), units_of_kind, _("Tipo de unidade"),
                   lambda: [(k, str(label)) for k, label in UnitKind.choices]),
    RegistrySource("network.meetings", _("Reuniões de comitê realizadas"), meetings_held, _("Comitê"), committee_choices),
]  # fmt: skip


def register_all() -> None:
    for source in SOURCES:
        register(source)
