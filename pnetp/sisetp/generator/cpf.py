"""CPF check digits, and unique synthetic CPFs for the true population.

The numbers are valid (the importers check the digits) but drawn by formula, not taken from anyone.
"""

_MODULUS = 10**9  # the 9 base digits
# Multiplier coprime to 10**9, so index → base is a bijection: distinct persons never share a CPF.
_MULTIPLIER = 387_420_489  # 3**18
_OFFSET = 123_457
_WEIGHTS_1 = range(10, 1, -1)  # 10..2 over the 9 base digits
_WEIGHTS_2 = range(11, 2, -1)  # 11..3 over the base; 2 for the first check digit


def check_digits(base: str) -> str:
    """The two verifier digits of a 9-digit base (Receita Federal mod-11 rule)."""
    digits = [int(char) for char in base]
    first = sum(d * w for d, w in zip(digits, _WEIGHTS_1)) * 10 % 11 % 10
    second = (sum(d * w for d, w in zip(digits, _WEIGHTS_2)) + first * 2) * 10 % 11 % 10
    return f"{first}{second}"


def is_valid_cpf(value: str | None) -> bool:
    """11 digits (punctuation ignored), not all equal (111.111.111-11 passes mod 11 but is rejected)."""
    digits = "".join(char for char in value or "" if char.isdigit())
    if len(digits) != 11 or digits == digits[0] * 11:
        return False
    return check_digits(digits[:9]) == digits[9:]


def format_cpf(digits: str) -> str:
    return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}"


def cpf_for_index(index: int) -> str:
    """The CPF (11 digits) of the ``index``-th true person: distinct for distinct indexes < 10**9 - 10."""
    base = (index * _MULTIPLIER + _OFFSET) % _MODULUS
    text = f"{base:09d}"
    if text == text[0] * 9:
        # The 10 repeated-digit bases give invalid CPFs: take the base of an index never used instead.
        base = ((_MODULUS - 1 - int(text[0])) * _MULTIPLIER + _OFFSET) % _MODULUS
        text = f"{base:09d}"
    return text + check_digits(text)
