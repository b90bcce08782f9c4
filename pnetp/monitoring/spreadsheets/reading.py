"""From files to tables of raw cells: XLSX (one sheet per kind) or CSV (one file per kind).

CSV files may be UTF-8 (with or without BOM) or Windows-1252, separated by commas or semicolons.
A CSV file's kind comes from its header; an XLSX sheet's from its title, or else its header.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from pnetp.core.limits import InputLimits, InputTooLarge, bounded_rows
from pnetp.core.text import fold
from pnetp.plans.importing.errors import PlanImportError
from pnetp.plans.importing.reading import Source, check_xlsx_bounded, decode_text, read_source

from .cells import is_empty, short_text, unescape_formula
from .columns import SHEETS, SheetSpec
from .errors import Issues

_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (",", ";", "\t")  # Excel in pt-BR saves CSV with ";"
SUFFIXES = (".xlsx", ".csv")


@dataclass
class Row:
    line: int
    cells: dict[str, object]  # column → raw value (str from CSV; str, number or datetime from XLSX)

    def __getitem__(self, column: str):
        return self.cells.get(column)


@dataclass
class Table:
    spec: SheetSpec
    where: str  # "arquivo.xlsx, aba Responsabilidades" or "responsabilidades.csv"
    rows: list[Row]


def column_key(value) -> str:
    """Header spelling → column name: "Código atividade" → "codigo_atividade"."""
    return re.sub(r"[\s\-]+", "_", fold(short_text(value)))


def expand_paths(paths: Iterable[str | Path], issues: Issues) -> list[Source]:
    """Read every file; a directory stands for the .xlsx and .csv files directly inside it."""
    sources = []
    for path in map(Path, paths):
        files = [path]
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            if not files:
                issues.add(str(path), _("nenhum arquivo .xlsx ou .csv na pasta"))
        for file in files:
            try:
                sources.append(read_source(file))
            except PlanImportError as error:
                issues.messages.extend(error.messages)
    return sources


def _spec_by_title(title: str) -> SheetSpec | None:
    return next((spec for spec in SHEETS if fold(spec.title) == fold(title)), None)


def _build_table(where: str, spec: SheetSpec | None, rows: list[tuple[int, list]], issues: Issues) -> Table | None:
    rows = [(line, values) for line, values in rows if not all(is_empty(value) for value in values)]
    header_line, header = rows[0]
    keys = [column_key(value) for value in header]
    if spec is None:
        spec = next((s for s in SHEETS if s.signature in keys), None)
    if spec is None:
        expected = ", ".join(f"{s.title} ({s.signature})" for s in SHEETS)
        issues.add(
            where,
            _("tipo de planilha não reconhecido pelo cabeçalho (esperado uma destas: %(expected)s)")
            % {"expected": expected},
            header_line,
        )
        return None
    repeated = sorted({key for key in keys if key and keys.count(key) > 1})
    missing = [column for column in spec.required if column not in keys]
    if repeated:
        issues.add(
            where, _("colunas repetidas no cabeçalho: %(columns)s") % {"columns": ", ".join(repeated)}, header_line
        )
    if missing:
        issues.add(
            where,
            _("cabeçalho sem as colunas %(missing)s (esperado %(expected)s)")
            % {"missing": ", ".join(missing), "expected": ", ".join(spec.columns)},
            header_line,
        )
    if repeated or missing:
        return None
    index = {column: keys.index(column) for column in spec.columns if column in keys}
    table_rows = [
        Row(line, {column: values[i] if i < len(values) else None for column, i in index.items()})
        for line, values in rows[1:]
    ]
    return Table(spec, where, table_rows)


def _csv_rows(text: str) -> list[tuple[int, list]]:
    first_line = text.lstrip("\r\n").partition("\n")[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    for cells in reader:
        rows.append((line, [unescape_formula(cell) for cell in cells]))
        line = reader.line_num + 1  # a quoted cell may span several lines
    return rows


def _read_csv(source: Source, issues: Issues) -> list[Table]:
    try:
        text = decode_text(source)
    except PlanImportError as error:
        issues.messages.extend(error.messages)
        return []
    try:
        rows = _csv_rows(text)
    except csv.Error as error:
        issues.add(source.name, _("CSV malformado (%(reason)s)") % {"reason": error})
        return []
    if not any(not all(is_empty(value) for value in values) for _line, values in rows):
        issues.add(source.name, _("arquivo sem dados (esperado um cabeçalho e linhas)"))
        return []
    table = _build_table(source.name, None, rows, issues)
    return [table] if table else []


def _read_xlsx(source: Source, issues: Issues) -> list[Table]:
    from openpyxl import load_workbook

    try:
        check_xlsx_bounded(source)
        workbook = load_workbook(io.BytesIO(source.data), read_only=True, data_only=True)
    except PlanImportError as error:
        issues.messages.extend(error.messages)
        return []
    except Exception as error:  # openpyxl raises many types for a damaged or foreign file
        issues.add(source.name, _("não é uma planilha XLSX válida (%(reason)s)") % {"reason": error})
        return []
    try:
        return _xlsx_tables(source, workbook, issues)
    except InputTooLarge as refusal:
        issues.messages.append(str(refusal))
        return []
    except Exception as error:  # a sheet openpyxl cannot walk (a row number past Excel's, a broken cell)
        issues.add(source.name, _("não é uma planilha XLSX válida (%(reason)s)") % {"reason": error})
        return []
    finally:
        workbook.close()


def _xlsx_tables(source: Source, workbook, issues: Issues) -> list[Table]:
    limits = InputLimits.for_kind("office")
    tables = []
    for sheet in workbook.worksheets:
        where = f"{source.name}, " + _("aba %(title)s") % {"title": sheet.title}
        rows = [
            (line, list(values))
            for line, values in bounded_rows(_numbered_rows(sheet), where, limits, excel=True)
            if values
        ]
        if all(is_empty(value) for _line, values in rows for value in values):
            continue  # an empty sheet carries no edits
        table = _build_table(where, _spec_by_title(sheet.title), rows, issues)
        if table:
            tables.append(table)
    return tables


def _numbered_rows(sheet):
    """(row number, values) of a read-only sheet, every row the file holds (its ``<dimension>`` not trusted)."""
    sheet.reset_dimensions()
    return enumerate(sheet.iter_rows(values_only=True), start=1)


def read_tables(sources: list[Source], issues: Issues) -> list[Table]:
    """Every table of every source; each kind may appear only once across all of them."""
    tables = []
    for source in sources:
        is_xlsx = source.data.startswith(_ZIP_MAGIC) or Path(source.name).suffix.lower() == ".xlsx"
        tables += _read_xlsx(source, issues) if is_xlsx else _read_csv(source, issues)
    seen: dict[str, Table] = {}
    for table in tables:
        if table.spec.kind in seen:
            issues.add(
                table.where,
                _("a planilha %(title)s já foi lida em %(first)s; envie cada tipo uma vez só")
                % {"title": table.spec.title, "first": seen[table.spec.kind].where},
            )
        seen.setdefault(table.spec.kind, table)
    if sources and not tables and not issues:
        issues.add(sources[0].name, _("nenhuma planilha reconhecida"))
    return list(seen.values())
