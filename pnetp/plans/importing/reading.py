"""Getting bytes and text out of whatever the operator hands over."""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from pnetp.core.files import decode_bytes
from pnetp.core.limits import InputLimits, InputTooLarge, check_upload, check_xlsx
from pnetp.core.text import fold

from .errors import PlanImportError

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Tab, line breaks and form feed occur in real documents; other control characters mean binary data.
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Source:
    name: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def read_source(source: str | Path | bytes, name: str | None = None) -> Source:
    """The document's bytes, refused with PlanImportError over the upload cap (checked before reading)."""
    if isinstance(source, bytes | bytearray):
        label = name or _("documento")
        check_bounded(source, label)
        return Source(name=label, data=bytes(source))
    path = Path(source)
    label = name or path.name or str(path)
    try:
        check_bounded(path, label)
        return Source(name=label, data=path.read_bytes())
    except FileNotFoundError:
        raise PlanImportError(_("%(path)s: arquivo não encontrado") % {"path": path}) from None
    except IsADirectoryError:
        raise PlanImportError(_("%(path)s: é um diretório (esperado um arquivo)") % {"path": path}) from None
    except OSError as error:
        raise PlanImportError(
            _("%(path)s: não foi possível ler o arquivo (%(reason)s)") % {"path": path, "reason": error.strerror}
        ) from None


def check_bounded(data: bytes | Path, name: str) -> None:
    """PlanImportError when a document is over the office caps (an XLSX: its inflated size and cells too)."""
    try:
        check_upload(data, InputLimits.for_kind("office"), name)
    except InputTooLarge as refusal:
        raise PlanImportError(str(refusal)) from None


def check_xlsx_bounded(source: Source) -> None:
    try:
        check_xlsx(source.data, InputLimits.for_kind("office"), source.name)
    except InputTooLarge as refusal:
        raise PlanImportError(str(refusal)) from None


def decode_text(source: Source) -> str:
    """The document's text (see ``decode_bytes``), refusing binary files with a Portuguese message."""
    text = decode_bytes(source.data) if b"\x00" not in source.data else None
    if text is None or _BINARY.search(text):
        raise PlanImportError(
            _("%(name)s: o arquivo não é um texto legível (esperado texto em UTF-8 ou Windows-1252)")
            % {"name": source.name}
        )
    return text


def split_lines(text: str) -> list[str]:
    # Not str.splitlines(): it also breaks on characters that editors do not count as new lines.
    return _LINE_BREAK.split(text)


def looks_like_table_header(first_line: str) -> bool:
    folded = fold(first_line)
    return "titulo_eixo" in folded and "descricao_atividade" in folded


def detect_format(source: Source) -> str:
    """ "xlsx", "csv" or "text", by content first (an export renamed .txt still works), then extension."""
    if source.data.startswith(_ZIP_MAGIC):
        return "xlsx"
    suffix = Path(source.name).suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    head = source.data[:4096].decode("utf-8-sig", errors="replace").lstrip()
    first_line = split_lines(head)[0] if head else ""
    return "csv" if looks_like_table_header(first_line) else "text"
