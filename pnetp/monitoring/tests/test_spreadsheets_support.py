"""Helpers shared by the spreadsheet tests (no tests here): editing exported files, snapshots of the database."""

import io

from openpyxl import load_workbook

from pnetp.monitoring.models import Indicator, ProgressReport, Responsibility
from pnetp.monitoring.spreadsheets import export_xlsx, import_monitoring
from pnetp.plans.importing.reading import Source

NAME = "monitoramento.xlsx"


def exported(world, cycle=True) -> bytes:
    return export_xlsx(world.plan, world.cycle if cycle else None)


def edit_xlsx(data: bytes, sheet_title: str, edits: dict[tuple[int, str], object] = None, append=()) -> bytes:
    """Set cells by (line, column name) and append rows (lists in column order)."""
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[sheet_title]
    header = [cell.value for cell in sheet[1]]
    for (line, column), value in (edits or {}).items():
        sheet.cell(row=line, column=header.index(column) + 1, value=value)
    for row in append:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_rows(data: bytes, sheet_title: str) -> list[list]:
    workbook = load_workbook(io.BytesIO(data))
    return [list(row) for row in workbook[sheet_title].iter_rows(values_only=True)]


def run_import(world, data: bytes, user, name: str = NAME, **options):
    options.setdefault("cycle", world.cycle)
    return import_monitoring([Source(name, data)], plan=world.plan, user=user, **options)


def snapshot() -> dict:
    """Every stored value an import could touch, and the size of each history."""
    state = {}
    for model in (Responsibility, Indicator, ProgressReport):
        state[model.__name__] = list(model.objects.order_by("pk").values())
        state[f"{model.__name__}.history"] = model.history.count()
    state["leads"] = list(Responsibility.lead_institutions.through.objects.order_by("pk").values())
    state["partners"] = list(Responsibility.partner_institutions.through.objects.order_by("pk").values())
    return state


def counts(result) -> dict[str, tuple[int, int, int]]:
    return {kind: (len(o.created), len(o.updated), len(o.unchanged)) for kind, o in result.sheets.items()}
