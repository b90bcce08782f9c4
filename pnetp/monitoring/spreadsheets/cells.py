"""Cell values in and out: dates dd/mm/aaaa, decimal comma, lists of acronyms, vocabularies.

Parsers take what a spreadsheet hands over (text from CSV; text, numbers or dates from XLSX),
return a Python value (None for an empty cell) and raise ``CellError`` with a message in Portuguese.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from pnetp.core.spreadsheet_safety import neutralise, unneutralise
from pnetp.core.text import clean_text, fold

# Control characters that XLSX cannot store and that editors do not show; tab and new line stay.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


class CellError(ValueError):
    """The cell cannot be read; the message says what was expected."""


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def long_text(value) -> str:
    """Multi-line text as stored and compared: one kind of line break, no invisible characters."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime | date):
        value = format_date(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text).strip()


def short_text(value) -> str:
    """Single-line text (codes, acronyms, names): spaces collapsed."""
    return clean_text(long_text(value))


def parse_date(value) -> date | None:
    if is_empty(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = short_text(value)
    match = _DATE.match(text)
    day, month, year = match.groups() if match else (None, None, None)
    if match is None and (iso := _ISO_DATE.match(text)):
        year, month, day = iso.groups()
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        raise CellError(_("data inválida '%(value)s' (esperado dd/mm/aaaa)") % {"value": text}) from None


def parse_decimal(value, *, max_digits: int, decimal_places: int, minimum: Decimal | None = None) -> Decimal | None:
    """A number written "12,5", "1.234,5", "12.5" or stored as a number by the spreadsheet."""
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellError(_("esperado um número, encontrado '%(value)s'") % {"value": value})
    if isinstance(value, int | float | Decimal):
        # repr of a float is its shortest exact decimal form: 0.1 stays 0.1.
        text = repr(value) if isinstance(value, float) else str(value)
    else:
        text = short_text(value).replace(" ", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")  # "1.234,5": dot groups thousands
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("número inválido '%(value)s' (esperado, por exemplo, 12,5)") % {"value": value}) from None
    if not number.is_finite():
        raise CellError(_("número inválido '%(value)s'") % {"value": value})
    number = number.normalize()
    exponent = number.as_tuple().exponent
    if -exponent > decimal_places:
        raise CellError(
            _("número '%(value)s' com mais de %(places)d casas decimais") % {"value": value, "places": decimal_places}
        )
    if abs(number) >= Decimal(10) ** (max_digits - decimal_places):
        raise CellError(_("número '%(value)s' grande demais") % {"value": value})
    if minimum is not None and number < minimum:
        raise CellError(
            _("número '%(value)s' menor que %(minimum)s") % {"value": value, "minimum": format_decimal(minimum)}
        )
    return number


def parse_int(value, *, minimum: int, maximum: int, label: str) -> int | None:
    """An integer between ``minimum`` and ``maximum``; "40%" and "40,0" are read as 40."""
    if is_empty(value):
        return None
    if isinstance(value, str):
        value = value.strip().removesuffix("%")
    try:
        number = parse_decimal(value, max_digits=12, decimal_places=6)
    except CellError:
        number = None
    if number is None or number != number.to_integral_value():
        raise CellError(
            _("%(label)s deve ser um número inteiro, encontrado '%(value)s'") % {"label": label, "value": value}
        )
    if not minimum <= number <= maximum:
        raise CellError(
            _("%(label)s %(value)s fora do intervalo de %(minimum)d a %(maximum)d")
            % {"label": label, "value": format_decimal(number), "minimum": minimum, "maximum": maximum}
        )
    return int(number)


def split_list(value) -> list[str]:
    """Acronyms separated by ";" (a "," is accepted too: no acronym contains one)."""
    parts = re.split(r"[;,\n]", short_text(value))
    return [part.strip() for part in parts if part.strip()]


def choice_lookup(pairs) -> dict[str, str]:
    """Folded spelling → value, for vocabularies typed by hand ("Trimestral", "trimestral", "quarterly")."""
    return {fold(str(spelling)): value for spelling, value in pairs}


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def format_decimal(value: Decimal | None) -> str:
    """Decimal comma, no trailing zeros, never scientific notation: 1.50 → "1,5", 100.0000 → "100"."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def escape_formula(text: str) -> str:
    """Prefix "'" so a spreadsheet shows the text instead of running it (``core.spreadsheet_safety``)."""
    return neutralise(text)


def unescape_formula(text: str) -> str:
    return unneutralise(text)
