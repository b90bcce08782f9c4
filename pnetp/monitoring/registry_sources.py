"""Counts from other apps' registries that may fill an indicator (trainings held, participants, agreements in
force, meetings held…), so focal points do not retype what the platform already knows.

Other apps register their counts here when they load (the network app in its ``AppConfig.ready``); monitoring
never imports them. The coordination maps an indicator to one source (``Indicator.registry_source`` and, for
sources that take one, ``registry_param``); the report form then fills the value for the cycle's period and the
stored value keeps where it came from (``IndicatorValue.registry_*``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RegistrySource:
    key: str
    label: str
    count: Callable  # (activity, period_start: date, period_end: date, param: str) -> int
    param_label: str = ""
    param_choices: Callable[[], list[tuple[str, str]]] | None = None  # None: the source takes no parameter
    help: str = ""


@dataclass(frozen=True)
class RegistryFill:
    value: Decimal
    label: str
    filled_on: date = field(default_factory=timezone.localdate)


_SOURCES: dict[str, RegistrySource] = {}


def register(source: RegistrySource) -> None:
    _SOURCES[source.key] = source


def sources() -> list[RegistrySource]:
    return list(_SOURCES.values())


def get_source(key: str) -> RegistrySource | None:
    return _SOURCES.get(key)


def param_choices(source: RegistrySource) -> list[tuple[str, str]]:
    return list(source.param_choices()) if source.param_choices else []


def check_mapping(key: str, param: str) -> dict[str, str]:
    """Errors of a mapping (field → message, in Portuguese); empty when valid or unmapped."""
    if not key:
        return {"registry_param": _("Escolha um registro antes do filtro.")} if param else {}
    source = get_source(key)
    if source is None:
        return {"registry_source": _("Registro desconhecido.")}
    choices = dict(param_choices(source))
    if source.param_choices is None and param:
        return {"registry_param": _("Este registro não usa filtro.")}
    if source.param_choices is not None and param not in choices:
        return {"registry_param": _("Escolha um filtro válido para “%(label)s”.") % {"label": source.label}}
    return {}


def describe(key: str, param: str) -> str:
    """ "Capacitações realizadas" or "Unidades da rede: NETP"."""
    source = get_source(key)
    if source is None:
        return ""
    label = dict(param_choices(source)).get(param, "") if param else ""
    return f"{source.label}: {label}" if label else source.label


def fill_for(indicator, cycle) -> RegistryFill | None:
    """The value of a mapped indicator for the cycle's period, from its registry; None if unmapped."""
    source = get_source(indicator.registry_source)
    if source is None:
        return None
    value = source.count(indicator.activity, cycle.period_start, cycle.period_end, indicator.registry_param)
    return RegistryFill(Decimal(value or 0), describe(indicator.registry_source, indicator.registry_param))
