"""CPF handling: gov.br identifies people by CPF, so accounts store it normalised (11 digits)."""

import re
from operator import mul

_NON_DIGITS = re.compile(r"\D")
_WEIGHTS_FIRST = tuple(range(10, 1, -1))  # the first check digit: weights 10..2 over 9 digits
_WEIGHTS_SECOND = tuple(range(11, 1, -1))  # the second: 11..2 over 10 digits


def normalize_cpf(value: str | None) -> str:
    """Digits only: "123.456.789-09" → "12345678909"."""
    return _NON_DIGITS.sub("", value or "")


def is_valid_cpf(value: str | None) -> bool:
    digits = normalize_cpf(value)
    if len(digits) != 11 or digits == digits[0] * 11 or not digits.isascii():  # "\D" keeps other scripts' digits
        return False
    numbers = [ord(digit) - 48 for digit in digits]
    # map(mul) rather than a generator: imports check hundreds of thousands of CPFs.
    for size, weights in ((9, _WEIGHTS_FIRST), (10, _WEIGHTS_SECOND)):
        if sum(map(mul, numbers, weights)) * 10 % 11 % 10 != numbers[size]:
            return False
    return True
