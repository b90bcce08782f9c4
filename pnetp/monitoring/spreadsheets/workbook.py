"""The XLSX layout: one sheet per kind, bold frozen header, typed cells, drop-downs for vocabularies."""

import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pnetp.core.spreadsheet_safety import protect_workbook
from pnetp.monitoring.models import StatusOption

from .columns import SheetSpec
from .vocabulary import DIRECTION_WORDS, FREQUENCY_WORDS

READ_ONLY_FILL = PatternFill("solid", fgColor="E7E6E6")
DATE_FORMAT = "DD/MM/YYYY"


def _choices() -> dict[str, list[str]]:
    statuses = list(StatusOption.objects.filter(active=True).values_list("label", flat=True))
    return {
        "sentido": list(DIRECTION_WORDS.values()),
        "periodicidade": list(FREQUENCY_WORDS.values()),
        "situacao": statuses,
    }


def _add_dropdown(sheet, column_index: int, words: list[str], last_row: int) -> None:
    formula = ",".join(words)
    # A list validation is one quoted formula of at most 255 characters, without commas inside items.
    if not words or len(formula) > 250 or any("," in word or '"' in word for word in words):
        return
    validation = DataValidation(type="list", formula1=f'"{formula}"', allow_blank=True)
    validation.errorStyle = "warning"  # a suggestion: the import checks the value anyway
    letter = get_column_letter(column_index)
    validation.add(f"{letter}2:{letter}{max(last_row, 2)}")
    sheet.add_data_validation(validation)


def _write_sheet(sheet, spec: SheetSpec, rows: list[list], choices: dict[str, list[str]]) -> None:
    sheet.append(list(spec.columns))
    for column, cell in zip(spec.columns, sheet[1], strict=True):
        cell.font = Font(bold=True)
        if column in spec.read_only:
            cell.fill = READ_ONLY_FILL
            cell.comment = Comment(_("Somente leitura: esta coluna é ignorada na importação."), "pnetp")
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text starting with "=" stays text, not a formula
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    for index, width in enumerate(spec.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for index, column in enumerate(spec.columns, start=1):
        if column in choices:
            _add_dropdown(sheet, index, choices[column], sheet.max_row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def write_workbook(tables: list[tuple[SheetSpec, list[list]]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    choices = _choices()
    for spec, rows in tables:
        _write_sheet(workbook.create_sheet(spec.title), spec, rows, choices)
    protect_workbook(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
