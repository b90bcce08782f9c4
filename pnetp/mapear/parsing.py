"""Cell values of the Mapear CSV: each parser returns the value or raises ValueError with a Portuguese message."""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from pnetp.core.text import fold

from .models import PointKind, RiskGrade

_HIGHWAY = re.compile(r"^(?:br)?\s*[-–]?\s*(\d{1,3})$")
_YES = {"sim", "s", "1", "yes", "y", "true", "verdadeiro", "x"}
_NO = {"nao", "n", "0", "no", "false", "falso"}
# Blank is the usual way to say "not observed"; these spelled-out forms mean the same.
_UNKNOWN = {"", "-", "nao observado", "nao informado", "ni", "nd", "sem informacao"}


def _key(value: str) -> str:
    return " ".join(fold(value).replace("_", " ").replace("-", " ").split())


GRADES = {_key(code): code for code in RiskGrade.values} | {_key(str(label)): code for code, label in RiskGrade.choices}
KINDS = {_key(code): code for code in PointKind.values} | {_key(str(label)): code for code, label in PointKind.choices}
KINDS |= {
    _key(alias): code
    for alias, code in [
        ("posto", "posto_combustivel"), ("posto de gasolina", "posto_combustivel"), ("lanchonete", "restaurante"),
        ("ponto de onibus", "ponto_onibus"), ("parada de onibus", "ponto_onibus"), ("hotel", "hospedagem"),
        ("motel", "hospedagem"), ("pousada", "hospedagem"), ("boate", "bar"), ("casa noturna", "bar"),
        ("oficina", "borracharia"), ("area de descanso", "area_descanso"), ("acostamento", "area_descanso"),
    ]
}  # fmt: skip


def parse_decimal(text: str) -> Decimal:
    """ "123,4", "123.4", "-23,550520" or "1.234,5" (dot as thousands separator when a comma follows)."""
    raw = text.strip().replace(" ", "")
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("“%(text)s” não é um número; use, por exemplo, 123,4 ou 123.4.") % {"text": text}) from None
    if not value.is_finite():
        raise ValueError(_("“%(text)s” não é um número; use, por exemplo, 123,4 ou 123.4.") % {"text": text})
    return value


def parse_highway(text: str) -> str:
    """ "BR-116", "br 116", "BR116" or "116" → "BR-116"; "BR-40" → "BR-040"."""
    match = _HIGHWAY.match(fold(text).strip())
    if not match:
        raise ValueError(_("rodovia “%(text)s” inválida; use a forma BR-116.") % {"text": text})
    return f"BR-{int(match[1]):03d}"


def parse_grade(text: str) -> str:
    if not text.strip():
        raise ValueError(_("campo obrigatório não preenchido; use baixo, médio, alto ou crítico."))
    grade = GRADES.get(_key(text))
    if grade is None:
        raise ValueError(
            _("grau de risco “%(text)s” desconhecido; use baixo, médio, alto ou crítico.") % {"text": text}
        )
    return grade


def parse_kind(text: str) -> str:
    if not text.strip():
        return ""
    kind = KINDS.get(_key(text))
    if kind is None:
        accepted = ", ".join(str(label).lower() for label in PointKind.labels)
        message = _("tipo de ponto “%(text)s” desconhecido; use um destes: %(accepted)s.")
        raise ValueError(message % {"text": text, "accepted": accepted})
    return kind


def parse_observed(text: str) -> bool | None:
    """sim/não, s/n, 1/0; blank means not observed (None), which is not the same as "não"."""
    key = _key(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    if key in _UNKNOWN:
        return None
    message = _("valor “%(text)s” inválido; use sim ou não (s/n, 1/0), ou deixe em branco se não foi observado.")
    raise ValueError(message % {"text": text})
