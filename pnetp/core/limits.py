"""Bounds on what an importer accepts, checked before anything is parsed.

Every importer (SISETP web and CLI, plan, monitoring, registries' CSV, alignment, population) calls
these before it reads a file: the upload's size, then, for an XLSX, the zip's central directory
(each entry's declared uncompressed size and compression ratio, their total) and each sheet's
``<dimension>`` (rows, columns, cells); while reading, ``bounded_rows`` enforces the row and column
caps on what the sheet really holds. Python's ``zipfile`` never inflates an entry past the size its
central directory declares, so a zip that lies about its sizes is cut short there, not trusted.
XML itself is parsed by openpyxl through defusedxml (installed as a dependency).

A refusal is an ``InputTooLarge`` whose text, in Portuguese, names the file and the cap.
"""

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .files import read_source, source_name

_SHEET_ENTRY = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref=\"([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?\"")
_SHEET_HEAD_BYTES = 64 * 1024
_RATIO_FROM_BYTES = 1024 * 1024  # small entries (styles, workbook) may compress very well; harmless
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384


class InputTooLarge(ValueError):
    """A file over one of the caps; ``str()`` is the Portuguese message naming the file."""


@dataclass(frozen=True)
class InputLimits:
    """Caps for one family of importers (``settings.PNETP_INPUT_LIMITS[kind]``)."""

    file_bytes: int
    xlsx_uncompressed_bytes: int
    xlsx_ratio: int
    xlsx_entries: int
    cells: int
    rows: int
    columns: int

    @classmethod
    def for_kind(cls, kind: str = "office") -> "InputLimits":
        return cls(**settings.PNETP_INPUT_LIMITS[kind])


def _refuse(name: str, message: str) -> InputTooLarge:
    return InputTooLarge(_("%(name)s: %(message)s") % {"name": name, "message": message})


def check_size(size: int, name: str, limits: InputLimits) -> None:
    if size > limits.file_bytes:
        raise _refuse(
            name,
            _("o arquivo tem %(size)s e o limite é %(limit)s; divida-o em arquivos menores.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limits.file_bytes)},
        )


def _size_of(source) -> int | None:
    if isinstance(source, (str, PathLike)):
        return Path(source).stat().st_size
    if isinstance(source, (bytes, bytearray, memoryview)):
        return len(source)
    size = getattr(source, "size", None)
    if size is not None:
        return size
    if hasattr(source, "seek") and hasattr(source, "tell"):
        position = source.tell()
        source.seek(0, 2)
        size = source.tell()
        source.seek(position)
        return size
    return None


def check_upload(source, limits: InputLimits, name: str | None = None) -> None:
    """The file (path, bytes or file object) is no larger than ``limits.file_bytes``."""
    size = _size_of(source)
    if size is not None:
        check_size(size, name or source_name(source), limits)


def read_bounded(source, kind: str = "office") -> bytes | str:
    """``files.read_source`` after the size check: InputTooLarge before a byte of an oversized file is read."""
    check_upload(source, InputLimits.for_kind(kind))
    return read_source(source)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def sheet_dimension(head: bytes) -> tuple[int, int] | None:
    """(rows, columns) that a sheet's ``<dimension ref="A1:C10">`` declares, None without one."""
    match = _DIMENSION.search(head)
    if not match:
        return None
    first_col, first_row, last_col, last_row = (g.decode() if g else None for g in match.groups())
    last_col, last_row = last_col or first_col, last_row or first_row
    if not last_col or not last_row:
        return None
    rows = int(last_row) - int(first_row or 1) + 1
    columns = _column_number(last_col) - _column_number(first_col or "A") + 1
    return max(rows, 1), max(columns, 1)


def _open_zip(source) -> zipfile.ZipFile | None:
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = io.BytesIO(bytes(source))
    elif hasattr(source, "seek"):
        source.seek(0)
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a zip: the importer's own reading reports it


def _check_entries(archive: zipfile.ZipFile, name: str, limits: InputLimits) -> None:
    entries = archive.infolist()
    if len(entries) > limits.xlsx_entries:
        raise _refuse(
            name,
            _("a planilha tem %(count)d partes internas; o limite é %(limit)d.")
            % {"count": len(entries), "limit": limits.xlsx_entries},
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > _RATIO_FROM_BYTES and ratio > limits.xlsx_ratio:
            raise _refuse(
                name,
                _(
                    "a parte %(entry)s se expande %(ratio)d vezes ao ser descompactada (limite: %(limit)d); "
                    "o arquivo parece malformado ou malicioso e não foi lido."
                )
                % {"entry": entry.filename, "ratio": ratio, "limit": limits.xlsx_ratio},
            )
        if total > limits.xlsx_uncompressed_bytes:
            raise _refuse(
                name,
                _("a planilha ocupa mais de %(limit)s descompactada; divida-a em arquivos menores.")
                % {"limit": filesizeformat(limits.xlsx_uncompressed_bytes)},
            )


def _check_sheets(archive: zipfile.ZipFile, name: str, limits: InputLimits) -> None:
    cells = 0
    for entry in archive.infolist():
        if not _SHEET_ENTRY.match(entry.filename):
            continue
        with archive.open(entry) as stream:
            head = stream.read(_SHEET_HEAD_BYTES)
        dimension = sheet_dimension(head)
        if dimension is None:
            continue  # no declaration: bounded_rows counts while reading
        rows, columns = dimension
        check_shape(rows, columns, name, limits, excel=True)
        cells += rows * columns
        if cells > limits.cells:
            raise _refuse(
                name,
                _("a planilha declara %(cells)s células; o limite é %(limit)s. Divida-a em arquivos menores.")
                % {"cells": f"{cells:,}".replace(",", "."), "limit": f"{limits.cells:,}".replace(",", ".")},
            )


def check_xlsx(source, limits: InputLimits, name: str | None = None) -> None:
    """Refuse an XLSX (path, bytes or file object) over the caps, reading only its directory and sheet heads.

    A file that is not a zip passes: the importer's own reading says it is not a spreadsheet.
    """
    name = name or source_name(source)
    check_upload(source, limits, name)
    archive = _open_zip(source)
    if archive is None:
        return
    try:
        _check_entries(archive, name, limits)
        _check_sheets(archive, name, limits)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        return  # damaged: reported by the importer's reading, which is now bounded by the directory
    finally:
        archive.close()
        if hasattr(source, "seek"):
            source.seek(0)


def check_shape(rows: int, columns: int, name: str, limits: InputLimits, *, excel: bool = False) -> None:
    """Refuse more rows or columns than the caps (and, for a sheet, than Excel itself allows)."""
    max_rows = min(limits.rows, EXCEL_MAX_ROWS) if excel else limits.rows
    max_columns = min(limits.columns, EXCEL_MAX_COLUMNS)
    if rows > max_rows:
        raise _refuse(
            name,
            _("o arquivo tem mais de %(limit)s linhas, o limite; divida-o em arquivos menores.")
            % {"limit": f"{max_rows:,}".replace(",", ".")},
        )
    if columns > max_columns:
        raise _refuse(
            name,
            _("o arquivo tem %(columns)d colunas; o limite é %(limit)d.") % {"columns": columns, "limit": max_columns},
        )


def bounded_rows(
    rows: Iterable[tuple[int, Sequence]], name: str, limits: InputLimits, *, excel: bool = False
) -> Iterator[tuple[int, Sequence]]:
    """``(line, cells)`` rows unchanged, raising InputTooLarge past the row cap or a row past the column cap."""
    max_rows = min(limits.rows, EXCEL_MAX_ROWS) if excel else limits.rows
    max_columns = min(limits.columns, EXCEL_MAX_COLUMNS)
    for count, row in enumerate(rows, start=1):
        line, cells = row
        if count > max_rows or len(cells) > max_columns or (excel and line > max_rows):
            check_shape(max(count, line if excel else 0), len(cells), name, limits, excel=excel)
        yield row


class BoundedUpload:
    """A form field validator: the uploaded file within the ``kind``'s caps (XLSX checked inside too)."""

    def __init__(self, kind: str = "office"):
        self.kind = kind

    def __call__(self, upload) -> None:
        try:
            check_xlsx(upload, InputLimits.for_kind(self.kind), source_name(upload))
        except InputTooLarge as refusal:
            raise ValidationError(str(refusal), code="too_large") from None


FORM_FIELDS_BYTES = 1024 * 1024  # room for a form's other fields and the multipart framing


@dataclass(frozen=True)
class BodyLimit:
    """What one request may send: ``files`` files of the ``kind``'s size, plus the form's other fields.

    ``settings.PNETP_UPLOAD_ROUTES`` maps a path prefix to (kind, files); any other path gets one "office"
    file. The reverse proxy's ``client_max_body_size`` must match (docs/deploy.md).
    """

    kind: str
    files: int

    @property
    def file_bytes(self) -> int:
        return InputLimits.for_kind(self.kind).file_bytes

    @property
    def body_bytes(self) -> int:
        return self.files * self.file_bytes + FORM_FIELDS_BYTES

    def message(self) -> str:
        """The Portuguese refusal, naming the limit."""
        if self.files == 1:
            return _("O envio passa do limite de %(limit)s por arquivo; divida o arquivo em partes menores.") % {
                "limit": filesizeformat(self.file_bytes)
            }
        return _(
            "O envio passa do limite de %(limit)s por arquivo (%(total)s no total); divida os arquivos em partes menores."
        ) % {"limit": filesizeformat(self.file_bytes), "total": filesizeformat(self.body_bytes)}


def body_limit(path: str) -> BodyLimit:
    """The limit for a request to ``path`` (the longest matching prefix of ``PNETP_UPLOAD_ROUTES``)."""
    routes = getattr(settings, "PNETP_UPLOAD_ROUTES", {})
    for prefix in sorted(routes, key=len, reverse=True):
        if path.startswith(prefix):
            kind, files = routes[prefix]
            return BodyLimit(kind, files)
    return BodyLimit("office", 1)
