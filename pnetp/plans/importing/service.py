"""The one entry point: read, parse and validate the whole document, then write it."""

from pathlib import Path

from .options import ImportOptions
from .reading import Source, detect_format, read_source
from .result import ImportResult
from .structure import ParsedDocument
from .tabular import parse_csv, parse_xlsx
from .text_format import parse_text_document
from .writer import write_document

_PARSERS = {"text": parse_text_document, "csv": parse_csv, "xlsx": parse_xlsx}


def parse_document(source: Source) -> ParsedDocument:
    """The validated in-memory plan; raises PlanImportError listing every problem found."""
    return _PARSERS[detect_format(source)](source)


def import_plan_document(
    source: str | Path | bytes, *, options: ImportOptions | None = None, name: str | None = None
) -> ImportResult:
    """Import a plan document (text, CSV or XLSX) from a path or from bytes (``name`` labels messages).

    Nothing is written unless the whole document is valid; raises PlanImportError otherwise.
    """
    options = options or ImportOptions()
    document = parse_document(read_source(source, name))
    return write_document(document, options)
