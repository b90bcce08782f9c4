"""Reading the text files people export from office suites and government systems."""

from os import PathLike
from pathlib import Path

from django.utils.translation import gettext as _

UTF8_BOM = b"\xef\xbb\xbf"


def decode_bytes(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) strictly, else Windows-1252; None when neither reads the bytes.

    UTF-8 goes first because Windows-1252 "decodes" almost any byte sequence; a BOM settles the
    question. The BOM is never part of the returned text.
    """
    encodings = ("utf-8-sig",) if data.startswith(UTF8_BOM) else ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def source_name(source) -> str:
    """The file name to quote in error messages, for a path or an uploaded file object."""
    if isinstance(source, (str, PathLike)):
        return Path(source).name
    return Path(getattr(source, "name", "") or _("arquivo")).name


def read_source(source) -> bytes | str:
    """The whole content of a path or of a (possibly already read) file object."""
    if isinstance(source, (str, PathLike)):
        return Path(source).read_bytes()
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read()


def source_text(data: bytes | str) -> str | None:
    """Text without a BOM; None when the bytes are neither UTF-8 nor Windows-1252."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    return decode_bytes(data)


def sniff_delimiter(first_line: str) -> str:
    # The header decides: Brazilian spreadsheets save ";" because the comma is the decimal mark.
    return ";" if first_line.count(";") > first_line.count(",") else ","
