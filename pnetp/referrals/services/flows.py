"""States and municipalities adapt a national flow (internal procedures, 2.2.5): a copy with ``parent``."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from pnetp.accounts.permissions import is_coordination
from pnetp.network.models import Unit, UnitKind

from ..models import FlowStage, FlowTemplate
from ..permissions import unit_ids


def can_adapt_flow(user, uf_id) -> bool:
    """The coordination, or a professional of a NETP in that UF."""
    if is_coordination(user):
        return True
    netps = Unit.objects.filter(pk__in=unit_ids(user), kind=UnitKind.NETP).select_related("municipality")
    return any(unit.uf_id == uf_id for unit in netps)


def adapt_flow(user, flow: FlowTemplate, *, federative_unit, municipality=None, title: str = "") -> FlowTemplate:
    """Copy ``flow`` and its stages as the local version for a UF (or one of its municipalities)."""
    if not can_adapt_flow(user, federative_unit.pk):
        raise PermissionDenied(_("Só a coordenação ou o NETP da UF adaptam um fluxo."))
    if municipality is not None and municipality.uf_id != federative_unit.pk:
        raise ValidationError({"municipality": _("O município não pertence à UF.")})
    with transaction.atomic():
        slug = f"{flow.slug}-{federative_unit.abbreviation.lower()}" + (f"-{municipality.pk}" if municipality else "")
        version = (FlowTemplate.objects.filter(slug=slug).aggregate(v=Max("version"))["v"] or 0) + 1
        copy = FlowTemplate.objects.create(
            slug=slug,
            version=version,
            title=title or f"{flow.title} — {federative_unit.abbreviation}",
            description=flow.description,
            legal_basis=flow.legal_basis,
            parent=flow,
            federative_unit=federative_unit,
            municipality=municipality,
        )
        FlowStage.objects.bulk_create(
            FlowStage(
                flow=copy,
                order=s.order,
                name=s.name,
                description=s.description,
                unit_kinds=s.unit_kinds,
                deadline_days=s.deadline_days,
            )  # fmt: skip
            for s in flow.stages.all()
        )
    return copy
