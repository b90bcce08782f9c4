"""What every small all-or-nothing CSV import shares: its report and the reading of the table.

The registries' importers (institutions, Projeto Mapear points) differ in their columns and checks,
not in how a file is decoded, how the header is checked or how an error names the file, line and
column; those live here so that a fix to one reaches all of them.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .files import sniff_delimiter, source_text
from .limits import InputLimits, InputTooLarge, bounded_rows, read_bounded


@dataclass
class CsvImportReport:
    """Created/updated/unchanged keys and every error, each reading "ARQUIVO, linha N, coluna X: ..."."""

    filename: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def column_word(self) -> str:
        # How the importer's documentation calls a column in its messages ("coluna" or "campo").
        return _("coluna %(column)s")

    def error(self, line: int | None, column: str | None, message: str) -> None:
        where = [self.filename]
        if line is not None:
            where.append(_("linha %(line)d") % {"line": line})
        if column:
            where.append(self.column_word() % {"column": column})
        self.errors.append(f"{', '.join(where)}: {message}")

    def simulation(self, text: str) -> str:
        return _("Simulação, nada foi gravado. %(text)s") % {"text": text} if self.dry_run else text


def read_table(
    source,
    report: CsvImportReport,
    *,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    column_key: Callable[[str], str],
) -> list[tuple[int, dict[str, str]]]:
    """(line, {column: stripped cell}) for every non-blank row; problems go to ``report``.

    ``column_key`` turns a header cell into the column name the importer knows ("Órgão superior"
    → "orgao_superior"). Nothing is returned when the encoding or the header is wrong.
    """
    try:
        text = source_text(read_bounded(source))
    except InputTooLarge as refusal:
        report.errors.append(str(refusal))
        return []
    if text is None:
        report.error(None, None, _("codificação não reconhecida; salve o arquivo como CSV em UTF-8 ou Windows-1252."))
        return []
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(first_line))
    header = next(reader, None)
    if not header or not any(h.strip() for h in header):
        report.error(1, None, _("arquivo vazio ou sem linha de cabeçalho."))
        return []
    columns = [column_key(h) for h in header]
    for column in required:
        if column not in columns:
            report.error(1, column, _("coluna obrigatória ausente no cabeçalho."))
    if report.errors:
        return []
    index = {c: columns.index(c) for c in required + optional if c in columns}

    rows, last_line = [], reader.line_num
    try:
        for line, values in bounded_rows(_numbered(reader), report.filename, InputLimits.for_kind("office")):
            last_line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if any(v.strip() for v in values[len(header) :]):
                message = _(
                    "a linha tem %(found)d colunas e o cabeçalho tem %(expected)d; verifique o separador e as aspas."
                )
                report.error(line, None, message % {"found": len(values), "expected": len(header)})
                continue
            rows.append((line, {c: values[i].strip() if i < len(values) else "" for c, i in index.items()}))
    except csv.Error as exc:
        report.error(last_line + 1, None, _("linha malformada (%(error)s).") % {"error": exc})
    except InputTooLarge as refusal:
        report.errors.append(str(refusal))
        return []
    return rows


def _numbered(reader):
    """(first line of the record, cells): a quoted cell may span several lines."""
    last_line = reader.line_num
    for values in reader:
        yield last_line + 1, values
        last_line = reader.line_num
