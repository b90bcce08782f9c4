"""Importing plan documents: the official text format and the CSV/XLSX exports.

Reading and validation produce an in-memory ParsedDocument; only a fully valid document reaches
the writer, which runs in one transaction.
"""

from .errors import PlanImportError
from .options import ImportOptions
from .result import ImportResult, LevelReport
from .service import import_plan_document, parse_document

__all__ = ["ImportOptions", "ImportResult", "LevelReport", "PlanImportError", "import_plan_document", "parse_document"]
