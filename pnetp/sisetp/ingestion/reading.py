"""Rows out of a file: CSV (comma or semicolon; UTF-8, UTF-8 with BOM or Windows-1252) or XLSX.

Streams: a file is read once to hash it and find its encoding, then again row by row, so a
million-row file never sits in memory as text. (``pnetp.plans.importing.reading`` decodes whole
documents at once, fine for plans but not here; its encoding rule — strict UTF-8, then
Windows-1252 — is the same.)
"""

import codecs
import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.utils.translation import gettext as _

from pnetp.core.files import sniff_delimiter
from pnetp.core.limits import InputLimits, InputTooLarge, bounded_rows, check_xlsx

_CHUNK = 1 << 20
_ZIP_MAGIC = b"PK\x03\x04"
csv.field_size_limit(1 << 24)


class FileProblem(Exception):
    """The file cannot be read at all; the message, in Portuguese, says what to do."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Table:
    name: str
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (line number in the file, cells)
    sha256: str
    encoding: str = ""  # "" for XLSX


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_encoding(path: Path, encoding: str) -> tuple[bool, str, int | None]:
    """(decodes, problem, line): decodes the whole file incrementally, stopping at the first bad byte."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line = 1
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            if b"\x00" in chunk:
                return False, _("o arquivo tem bytes nulos; não é um texto CSV"), None
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line += chunk[: error.start].count(b"\n")
                byte = chunk[error.start : error.start + 1].hex().upper()
                return False, _("byte 0x%(byte)s inválido") % {"byte": byte}, line
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False, _("o arquivo termina no meio de um caractere"), None
    return True, "", None


def detect_encoding(path: Path) -> str:
    ok, _problem, _line = _check_encoding(path, "utf-8-sig")
    if ok:
        return "utf-8-sig"
    ok, problem, line = _check_encoding(path, "cp1252")
    if ok:
        return "cp1252"
    raise FileProblem(
        _(
            "%(problem)s: a codificação do arquivo não é UTF-8 nem Windows-1252. "
            "Salve-o como “CSV UTF-8” e envie de novo."
        )
        % {"problem": problem},
        line,
    )


def _bounded(rows: Iterator[tuple[int, list]], name: str, *, excel: bool) -> Iterator[tuple[int, list]]:
    try:
        yield from bounded_rows(rows, name, InputLimits.for_kind("sisetp"), excel=excel)
    except InputTooLarge as refusal:
        raise FileProblem(str(refusal)) from None


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding=encoding, newline="") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        next(reader, None)
        for cells in reader:
            if cells and any(cells):
                yield reader.line_num, cells


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_table(path: Path, name: str, sha256: str) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileProblem(_("planilha XLSX ilegível (%(error)s)") % {"error": error}) from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell_text(value) for value in next(rows, ())]
    while header and not header[-1]:
        header.pop()

    def body():
        try:
            for line, values in _bounded(enumerate(rows, start=2), name, excel=True):
                cells = [_cell_text(value) for value in values[: len(header)]]
                if any(cells):
                    yield line, cells
        finally:
            workbook.close()

    return Table(name=name, header=header, rows=body(), sha256=sha256)


def open_table(path, name: str | None = None, *, delimiter: str | None = None) -> Table:
    """The header and a row iterator of a CSV or XLSX file; FileProblem if it cannot be read."""
    path = Path(path)
    name = name or path.name
    if not path.is_file():
        raise FileProblem(_("arquivo não encontrado"))
    with path.open("rb") as stream:
        head = stream.read(4)
    try:
        check_xlsx(path, InputLimits.for_kind("sisetp"), name)  # a CSV: its size only
    except InputTooLarge as refusal:
        raise FileProblem(str(refusal)) from None
    sha256 = file_digest(path)
    if head == _ZIP_MAGIC:
        return _xlsx_table(path, name, sha256)
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, newline="") as stream:
        first_line = stream.readline()
    if not first_line.strip():
        raise FileProblem(_("o arquivo está vazio"))
    delimiter = delimiter or sniff_delimiter(first_line)
    header = next(csv.reader([first_line], delimiter=delimiter))
    header = [cell.strip() for cell in header]
    return Table(
        name=name,
        header=header,
        rows=_bounded(_csv_rows(path, encoding, delimiter), name, excel=False),
        sha256=sha256,
        encoding=encoding,
    )
