"""A plan as JSON (whole hierarchy), CSV or XLSX (one row per activity).

The CSV and XLSX layouts are also accepted by the importer, so an export can be edited in a
spreadsheet and imported back.
"""

import io
import json
from collections.abc import Iterator

from pnetp.core.spreadsheet_safety import csv_writer, protect_workbook

from .models import Plan, code_sort_key

COLUMNS = [
    "eixo",
    "titulo_eixo",
    "descricao_eixo",
    "acao",
    "titulo_acao",
    "atividade",
    "descricao_atividade",
]
SHEET_TITLE = "atividades"
PLAN_FIELDS = ["slug", "title", "short_title", "kind", "status", "start_year", "end_year", "territory"]


def _by_code(items):
    return sorted(items, key=lambda item: code_sort_key(item.code))


def load_plan(slug: str) -> Plan:
    """The plan with its whole hierarchy in three queries."""
    return Plan.objects.select_related("parent").prefetch_related("axes__actions__activities").get(slug=slug)


def plan_as_dict(plan: Plan) -> dict:
    header = {name: getattr(plan, name) for name in PLAN_FIELDS}
    header["parent"] = plan.parent.slug if plan.parent else None
    header["description"] = plan.description
    return {
        "plan": header,
        "axes": [
            {
                "code": axis.code,
                "title": axis.title,
                "description": axis.description,
                "actions": [
                    {
                        "code": action.code,
                        "title": action.title,
                        "activities": [
                            {"code": activity.code, "description": activity.description}
                            for activity in _by_code(action.activities.all())
                        ],
                    }
                    for action in _by_code(axis.actions.all())
                ],
            }
            for axis in _by_code(plan.axes.all())
        ],
    }


def export_json(plan: Plan) -> str:
    return json.dumps(plan_as_dict(plan), ensure_ascii=False, indent=2) + "\n"


def activity_rows(plan: Plan) -> Iterator[list[str]]:
    for axis in _by_code(plan.axes.all()):
        for action in _by_code(axis.actions.all()):
            for activity in _by_code(action.activities.all()):
                yield [
                    axis.code,
                    axis.title,
                    axis.description,
                    action.code,
                    action.title,
                    activity.code,
                    activity.description,
                ]


def export_csv(plan: Plan) -> str:
    # The BOM is what makes Excel read the file as UTF-8 instead of the system code page.
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv_writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(activity_rows(plan))
    return buffer.getvalue()


def export_xlsx(plan: Plan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in activity_rows(plan):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            # Text starting with "=" must stay text, not become a formula.
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", [6, 30, 50, 6, 50, 8, 80], strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    protect_workbook(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
