"""Files people open in a spreadsheet never run what a user typed (OWASP "CSV Injection").

Every CSV the platform writes goes through ``csv_writer`` and every XLSX through ``protect_workbook``
(a test fails when a module calls ``csv.writer`` directly). A text starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return:

- in a CSV, is written with a leading apostrophe (``'=HYPERLINK(...)``), which Excel and LibreOffice
  show as text; ``unneutralise`` takes it off when the platform reads its own file back;
- in an XLSX, stays exactly as typed, in a string cell marked "quote prefix" — the flag Excel sets
  when someone types an apostrophe first — so it is shown as text, is not evaluated even after editing,
  and reads back unchanged.

Numbers stay numbers: numeric values pass untouched, and so does a text that is only a number
(``-2``, ``-2,5``, ``1.5e3``), which no spreadsheet runs; ``-2+3`` is neutralised.
"""

import csv
import re
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?")


def is_dangerous(value) -> bool:
    """A text that a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(value)


def neutralise(value):
    """``value`` for a CSV cell: an apostrophe before a formula-like text; anything else unchanged."""
    return "'" + value if is_dangerous(value) else value


def unneutralise(text: str) -> str:
    """The text ``neutralise`` was given, for the platform's own importers reading its exports."""
    return text[1:] if text.startswith("'") and is_dangerous(text[1:]) else text


class SafeCsvWriter:
    """``csv.writer`` whose rows are neutralised cell by cell (same constructor arguments)."""

    def __init__(self, stream, *args, **kwargs):
        self._writer = csv.writer(stream, *args, **kwargs)

    @property
    def dialect(self):
        return self._writer.dialect

    def writerow(self, row: Iterable):
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(stream, *args, **kwargs) -> SafeCsvWriter:
    return SafeCsvWriter(stream, *args, **kwargs)


def protect_cell(cell) -> None:
    """Make an openpyxl cell holding a formula-like text a quoted string cell (its text unchanged)."""
    if is_dangerous(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def protect_workbook(workbook) -> None:
    """Call before ``save``: every formula-like text of every sheet is shown as text, never run."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                protect_cell(cell)
