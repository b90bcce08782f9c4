"""Opening and closing monitoring cycles (coordination only)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.monitoring.models import MonitoringCycle

from .permissions import require_coordination


def open_cycle(
    user, plan, *, name: str, period_start: date, period_end: date, reporting_deadline: date
) -> MonitoringCycle:
    require_coordination(user, _("abrir ciclos de monitoramento"))
    cycle = MonitoringCycle(
        plan=plan,
        name=name.strip(),
        period_start=period_start,
        period_end=period_end,
        reporting_deadline=reporting_deadline,
        state=MonitoringCycle.State.OPEN,
        opened_by=user,
    )
    cycle.full_clean()
    cycle._history_user = user
    cycle.save()
    return cycle


def _set_state(user, cycle: MonitoringCycle, state: str) -> MonitoringCycle:
    with transaction.atomic():
        locked = MonitoringCycle.objects.select_for_update().get(pk=cycle.pk)
        if locked.state == state:
            state_label = locked.get_state_display().lower()
            message = _("O ciclo %(cycle)s já está %(state)s.")
            raise ValidationError(message % {"cycle": locked.name, "state": state_label})
        locked.state = state
        locked.closed_at = timezone.now() if state == MonitoringCycle.State.CLOSED else None
        locked._history_user = user
        locked.save()
    cycle.refresh_from_db()
    return cycle


def close_cycle(user, cycle: MonitoringCycle) -> MonitoringCycle:
    """Closed cycles refuse any change by focal points; the coordination may still review."""
    require_coordination(user, _("encerrar ciclos de monitoramento"))
    return _set_state(user, cycle, MonitoringCycle.State.CLOSED)


def reopen_cycle(user, cycle: MonitoringCycle) -> MonitoringCycle:
    require_coordination(user, _("reabrir ciclos de monitoramento"))
    return _set_state(user, cycle, MonitoringCycle.State.OPEN)
