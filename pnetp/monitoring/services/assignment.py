"""Assigning institutions, deadlines and indicators to activities (coordination only)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pnetp.monitoring.models import Indicator, Responsibility

from .permissions import require_coordination

RESPONSIBILITY_FIELDS = ("start_date", "end_date", "deliverable", "weight")
INDICATOR_FIELDS = (
    "name", "unit", "baseline_value", "baseline_year", "target_value", "direction", "frequency", "registry_source",
    "registry_param",
)  # fmt: skip


def _unknown(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


@transaction.atomic
def assign_responsibility(user, activity, *, leads, partners=(), **fields) -> Responsibility:
    """Create or update the activity's responsibility; only given fields change."""
    require_coordination(user, _("definir responsabilidades"))
    _unknown(fields, RESPONSIBILITY_FIELDS)
    leads, partners = list(leads), list(partners)
    if not leads:
        raise ValidationError({"lead_institutions": _("Informe ao menos uma instituição responsável.")})
    both = {i.pk for i in leads} & {i.pk for i in partners}
    if both:
        raise ValidationError(
            {"partner_institutions": _("Uma instituição não pode ser responsável e parceira da mesma atividade.")}
        )
    responsibility = Responsibility.objects.filter(activity=activity).first() or Responsibility(activity=activity)
    if "weight" in fields:
        fields["weight"] = Decimal(str(fields["weight"]))
    for name, value in fields.items():
        setattr(responsibility, name, value)
    responsibility.full_clean()
    # Also read by simple_history's m2m_changed handler, so the institution changes carry the user.
    responsibility._history_user = user
    responsibility.save()
    responsibility.lead_institutions.set(leads)
    responsibility.partner_institutions.set(partners)
    return responsibility


def save_indicator(user, activity, indicator: Indicator | None = None, **fields) -> Indicator:
    """Create an indicator for the activity, or update the given one."""
    require_coordination(user, _("definir indicadores"))
    _unknown(fields, INDICATOR_FIELDS)
    if indicator is None:
        indicator = Indicator(activity=activity)
    elif indicator.activity_id != activity.pk:
        raise ValidationError(_("O indicador pertence a outra atividade."))
    for name, value in fields.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    indicator._history_user = user
    indicator.save()
    return indicator
