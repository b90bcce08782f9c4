"""CPF handling: gov.br identifies people by CPF, so accounts store it normalised (11 digits)."""

import re

_NON_DIGITS = re.compile(r"\D")


def normalize_cpf(value: str | None) -> str:
    """Digits only: "123.456.789-09" → "12345678909"."""
    return _NON_DIGITS.sub("", value or "")


def is_valid_cpf(value: str | None) -> bool:
    digits = normalize_cpf(value)
    if len(digits) != 11 or digits == digits[0] * 11:
        return False
    for size in (9, 10):
        total = sum(int(d) * weight for d, weight in zip(digits[:size], range(size + 1, 1, -1)))
        check = total * 10 % 11 % 10
        if check != int(digits[size]):
            return False
    return True
