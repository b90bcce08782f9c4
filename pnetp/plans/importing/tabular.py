"""Reading the CSV and XLSX exports back (one row per activity, columns as in exporter.COLUMNS).

Axis and action cells repeat on every row; they must agree with the first row that introduced
the code, otherwise an edit in a spreadsheet would be applied by accident of row order.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from pnetp.core.limits import InputLimits, InputTooLarge, bounded_rows
from pnetp.core.text import clean_text, fold

from ..exporter import COLUMNS, SHEET_TITLE
from .codes import parse_code
from .errors import Issues, PlanImportError
from .reading import Source, check_xlsx_bounded, decode_text
from .structure import ParsedDocument, StructureBuilder

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_DELIMITERS = [",", ";", "\t"]  # Excel in pt-BR saves CSV with ";".


def _clean_paragraphs(value: str) -> str:
    """clean_text per paragraph, so multi-paragraph descriptions survive the round trip."""
    paragraphs = (clean_text(part) for part in _PARAGRAPH_BREAK.split(value))
    return "\n\n".join(part for part in paragraphs if part)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed in a spreadsheet as the number 2
    return str(value)


class _TableParser:
    def __init__(self, source: Source):
        self.issues = Issues(source.name)
        self.builder = StructureBuilder(self.issues)
        self.columns: dict[str, int] = {}

    def read_header(self, line: int, cells: list[str]) -> bool:
        names = [fold(clean_text(cell)) for cell in cells]
        missing = [name for name in COLUMNS if name not in names]
        if missing:
            self.issues.add(
                _("cabeçalho sem as colunas %(missing)s (esperado %(expected)s)")
                % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)},
                line,
            )
            return False
        self.columns = {name: names.index(name) for name in COLUMNS}
        return True

    def parse(self, rows: Iterable[tuple[int, list[str]]]) -> None:
        rows = (row for row in rows if any(cell.strip() for cell in row[1]))
        header = next(rows, None)
        if header is None:
            expected = ", ".join(COLUMNS)
            self.issues.add(_("arquivo sem dados (esperado o cabeçalho %(expected)s)") % {"expected": expected})
        elif self.read_header(*header):
            for line, cells in rows:
                self.row(line, cells)

    def field(self, cells: list[str], name: str) -> str:
        index = self.columns[name]
        raw = cells[index] if index < len(cells) else ""
        return _clean_paragraphs(raw) if name.startswith("descricao") else clean_text(raw)

    def code(self, cells: list[str], name: str, depth: int, line: int) -> str | None:
        raw = self.field(cells, name)
        code = parse_code(raw, depth)
        if code is None:
            example = ".".join(["N"] * depth)
            self.issues.add(
                _("código inválido “%(code)s” (esperado %(example)s)") % {"code": raw, "example": example},
                line,
                name,
            )
        return code

    def required(self, cells: list[str], name: str, line: int) -> str | None:
        value = self.field(cells, name)
        if not value:
            self.issues.add(_("valor vazio (esperado um texto)"), line, name)
            return None
        return value

    def check_repeated(self, label: str, item, line: int, column: str, value: str, known: str) -> None:
        if value != known:
            self.issues.add(
                _("texto diferente do informado na linha %(first)d para %(label)s %(code)s")
                % {"first": item.line, "label": label, "code": item.code},
                line,
                column,
            )

    def row(self, line: int, cells: list[str]) -> None:
        axis_code = self.code(cells, "eixo", 1, line)
        action_code = self.code(cells, "acao", 2, line)
        activity_code = self.code(cells, "atividade", 3, line)
        axis_title = self.required(cells, "titulo_eixo", line)
        action_title = self.required(cells, "titulo_acao", line)
        description = self.required(cells, "descricao_atividade", line)
        if None in (axis_code, action_code, activity_code, axis_title, action_title, description):
            return
        axis_description = self.field(cells, "descricao_eixo")
        axis = self.builder.current_axis
        if axis is not None and axis.code == axis_code:
            self.check_repeated(_("o eixo"), axis, line, "titulo_eixo", axis_title, axis.title)
            self.check_repeated(_("o eixo"), axis, line, "descricao_eixo", axis_description, axis.description)
        else:
            self.builder.add_axis(axis_code, axis_title, axis_description, line, "eixo")
        action = self.builder.current_action
        if action is not None and action.code == action_code:
            self.check_repeated(_("a ação"), action, line, "titulo_acao", action_title, action.title)
        else:
            self.builder.add_action(action_code, action_title, line, "acao")
        self.builder.add_activity(activity_code, description, line, "atividade")

    def document(self, source: Source, format: str) -> ParsedDocument:
        axes = self.builder.finish()
        return ParsedDocument(source_name=source.name, sha256=source.sha256, format=format, axes=axes)


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    first_line = text.lstrip().partition("\n")[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1  # a quoted cell may span several lines


def parse_csv(source: Source) -> ParsedDocument:
    text = decode_text(source)
    parser = _TableParser(source)
    try:
        parser.parse(_csv_rows(text))
    except csv.Error as error:
        parser.issues.add(_("CSV malformado (%(reason)s)") % {"reason": error})
    return parser.document(source, "csv")


def _xlsx_rows(source: Source) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    check_xlsx_bounded(source)
    try:
        workbook = load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        raise PlanImportError(
            _("%(name)s: não é uma planilha XLSX válida (%(reason)s)") % {"name": source.name, "reason": error}
        ) from None
    try:
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        for line, values in bounded_rows(rows, source.name, InputLimits.for_kind("office"), excel=True):
            yield line, [_cell_text(value) for value in values]
    except InputTooLarge as refusal:
        raise PlanImportError(str(refusal)) from None
    finally:
        workbook.close()


def parse_xlsx(source: Source) -> ParsedDocument:
    parser = _TableParser(source)
    parser.parse(_xlsx_rows(source))
    return parser.document(source, "xlsx")
