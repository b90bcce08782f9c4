"""Reads for pages: inbox, outbox, pending counts, timelines, overrides, flows with their units per UF."""

from dataclasses import dataclass

from django.db.models import QuerySet

from pnetp.network.models import Unit

from .models import UNANSWERED, Atendimento, FlowTemplate, Referral, ReferralTransition
from .permissions import can_view_overrides, unit_ids


def _referrals() -> QuerySet:
    return Referral.objects.select_related("from_unit", "to_unit").order_by("-sent_at", "-pk")


def inbox(user) -> QuerySet:
    """Referrals received by the user's units."""
    return _referrals().filter(to_unit__in=unit_ids(user))


def outbox(user) -> QuerySet:
    """Referrals sent by the user's units."""
    return _referrals().filter(from_unit__in=unit_ids(user))


def pending_count(user) -> int:
    """Received referrals still waiting for an answer (the number in the header)."""
    if not unit_ids(user):
        return 0
    return inbox(user).filter(state__in=UNANSWERED).count()


def my_atendimentos(user) -> QuerySet:
    return Atendimento.objects.filter(owner_unit__in=unit_ids(user)).select_related("owner_unit", "stage")


def timeline(referral: Referral) -> QuerySet:
    return ReferralTransition.objects.filter(referral=referral).select_related("by").order_by("at", "pk")


def overrides(user) -> QuerySet:
    """Referrals sent without consent, with the reason: for the coordination (no person data)."""
    if not can_view_overrides(user):
        return Referral.objects.none()
    return _referrals().filter(override_by__isnull=False).select_related("override_by")


def active_flows() -> QuerySet:
    return FlowTemplate.objects.filter(active=True, parent__isnull=True).order_by("slug", "-version")


def current_flow(slug: str) -> FlowTemplate | None:
    """The newest active version of a national flow."""
    return active_flows().filter(slug=slug).prefetch_related("stages").first()


@dataclass(frozen=True)
class StageUnits:
    stage: object
    units_by_uf: dict  # UF abbreviation → list of public unit names


def flow_units(flow: FlowTemplate, uf: str | None = None) -> list[StageUnits]:
    """For each stage, the active directory units of its kinds, grouped by UF (public fields only: the name)."""
    kinds = {kind for stage in flow.stages.all() for kind in stage.unit_kinds}
    units = Unit.objects.filter(active=True, kind__in=kinds).select_related("municipality__uf").order_by("name")
    if uf:
        units = units.filter(municipality__uf__abbreviation=uf)
    rows = []
    for stage in flow.stages.all():
        grouped: dict[str, list[str]] = {}
        for unit in units:
            if unit.kind in stage.unit_kinds:
                key = unit.municipality.uf.abbreviation if unit.municipality_id else "Exterior"
                grouped.setdefault(key, []).append(unit.name)
        rows.append(StageUnits(stage, dict(sorted(grouped.items()))))
    return rows
