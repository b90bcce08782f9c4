"""The words written in the sentido, periodicidade, situacao and etapa columns, and how they are read back."""

from pnetp.core.text import fold
from pnetp.monitoring.models import Indicator, StatusOption

# Written on export; the import also accepts the stored codes and the interface labels.
DIRECTION_WORDS = {
    Indicator.Direction.INCREASE: "aumentar",
    Indicator.Direction.DECREASE: "diminuir",
    Indicator.Direction.MAINTAIN: "manter",
}
FREQUENCY_WORDS = {
    Indicator.Frequency.MONTHLY: "mensal",
    Indicator.Frequency.QUARTERLY: "trimestral",
    Indicator.Frequency.SEMIANNUAL: "semestral",
    Indicator.Frequency.ANNUAL: "anual",
}


def _lookup(choices, words: dict, extra: dict | None = None) -> dict[str, str]:
    spellings = {**{code: code for code in choices.values}, **{label: code for code, label in choices.choices}}
    spellings |= {word: code for code, word in words.items()} | (extra or {})
    return {fold(str(spelling)): code for spelling, code in spellings.items()}


DIRECTIONS = _lookup(Indicator.Direction, DIRECTION_WORDS, {"reduzir": Indicator.Direction.DECREASE})
FREQUENCIES = _lookup(Indicator.Frequency, FREQUENCY_WORDS)


def status_lookup() -> dict[str, StatusOption]:
    """Label or slug → option. Inactive options are included: a report may still show one unchanged."""
    lookup = {}
    for option in StatusOption.objects.order_by("-active", "order"):
        lookup.setdefault(fold(option.slug), option)
        lookup.setdefault(fold(option.label), option)
    return lookup
