"""CNPJ (Cadastro Nacional da Pessoa Jurídica): 14 digits, the last two check digits (módulo 11)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS_1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
WEIGHTS_2 = (6, *WEIGHTS_1)


def _digit(digits: str, weights) -> str:
    rest = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return "0" if rest < 2 else str(11 - rest)


def check_digits(first_twelve: str) -> str:
    first = _digit(first_twelve, WEIGHTS_1)
    return first + _digit(first_twelve + first, WEIGHTS_2)


def clean_cnpj(value: str) -> str:
    """The 14 digits of ``value`` ("12.345.678/0001-95" or digits); ValidationError in Portuguese if invalid."""
    digits = re.sub(r"[.\-/\s]", "", value or "")
    if not re.fullmatch(r"\d{14}", digits):
        raise ValidationError(_("Informe os 14 dígitos do CNPJ."), code="cnpj_length")
    if digits == digits[0] * 14 or check_digits(digits[:12]) != digits[12:]:
        raise ValidationError(_("CNPJ inválido: os dígitos verificadores não conferem."), code="cnpj_digits")
    return digits


def format_cnpj(digits: str) -> str:
    return f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}/{digits[8:12]}-{digits[12:]}" if len(digits) == 14 else digits
