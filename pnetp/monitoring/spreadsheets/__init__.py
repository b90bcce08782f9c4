"""Monitoring spreadsheets: export responsibilities, indicators and reports to XLSX or CSV, edit, import back.

The same columns go out and come in (see columns.py). Imports are all or nothing: every row is
checked first, every problem is reported with its file, sheet, line and column, and changes go
through the monitoring services as the importing user, so permissions and history apply.
"""

from .errors import MonitoringImportError
from .exporting import export_csv, export_xlsx
from .result import ImportResult
from .service import import_monitoring

__all__ = ["ImportResult", "MonitoringImportError", "export_csv", "export_xlsx", "import_monitoring"]
