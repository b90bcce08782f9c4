"""The consolidated monitoring report of a cycle (for CONATRAP), as PDF, XLSX or DOCX.

``build_cycle_report`` assembles the data; ``render`` turns it into a file. Renderers are
imported on use, so WeasyPrint's system libraries load only when a PDF is made.
"""

import re
from dataclasses import dataclass
from importlib import import_module

from .assembly import build_cycle_report
from .data import CycleReport


@dataclass(frozen=True)
class ReportFormat:
    extension: str
    content_type: str
    renderer: str  # "module.function" inside this package


OFFICE = "application/vnd.openxmlformats-officedocument"
FORMATS = {
    "pdf": ReportFormat("pdf", "application/pdf", "pdf.render_pdf"),
    "xlsx": ReportFormat("xlsx", f"{OFFICE}.spreadsheetml.sheet", "xlsx.render_xlsx"),
    "docx": ReportFormat("docx", f"{OFFICE}.wordprocessingml.document", "docx.render_docx"),
}


def render(report: CycleReport, fmt: str) -> bytes:
    module, function = FORMATS[fmt].renderer.split(".")
    return getattr(import_module(f"{__name__}.{module}"), function)(report)


def file_name(cycle_name: str, fmt: str) -> str:
    """``relatorio-ciclo-2025.1.pdf``: the cycle name kept readable, but safe in a file name."""
    safe = re.sub(r"[^\w.-]+", "-", cycle_name, flags=re.ASCII).strip("-.") or "ciclo"
    return f"relatorio-ciclo-{safe}.{FORMATS[fmt].extension}"


__all__ = ["FORMATS", "CycleReport", "build_cycle_report", "file_name", "render"]
