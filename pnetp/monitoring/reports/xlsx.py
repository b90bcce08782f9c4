"""The cycle report as an Excel workbook (openpyxl), one sheet per table, numbers kept as numbers.

Percentages are stored as fractions (0.4567) with a one-decimal percent format and counts with a
thousands separator, so the spreadsheet computes with them; dates are real dates. Text typed by
institutions never becomes a formula.
"""

from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pnetp.core.spreadsheet_safety import protect_workbook

from .data import CycleReport

# Formats spreadsheets show in the reader's locale: "1.234", "45,7%" and "2,50" in a pt-BR Excel or LibreOffice.
INTEGER = "#,##0"
PERCENT = "0.0%"
DECIMAL = "#,##0.00"
DATE = "DD/MM/YYYY"
HEADER_FILL = PatternFill("solid", fgColor="DBE8FB")
WRAP = Alignment(wrap_text=True, vertical="top")
CELL_LIMIT = 32767  # characters Excel accepts in one cell


def fraction(value: Decimal | None) -> Decimal | None:
    """45.00 (percent) → 0.45, the way spreadsheets hold percentages; None stays empty."""
    return None if value is None else value / 100


def _write(sheet, values, formats=()) -> None:
    sheet.append([v[: CELL_LIMIT - 1] + "…" if isinstance(v, str) and len(v) > CELL_LIMIT else v for v in values])
    for column, cell in enumerate(sheet[sheet.max_row], start=1):
        if isinstance(cell.value, str):
            cell.alignment = WRAP
            if cell.value.startswith("="):
                cell.data_type = "s"  # an institution's "=…" is text, not a formula
        if column <= len(formats) and formats[column - 1]:
            cell.number_format = formats[column - 1]


def _table(book, title: str, columns, rows):
    """A sheet with a header row; ``columns`` are (header, number format or None, width)."""
    sheet = book.create_sheet(title)
    _write(sheet, [header for header, _format, _width in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    formats = [number_format for _header, number_format, _width in columns]
    for row in rows:
        _write(sheet, row, formats)
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    for index, (_header, _format, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def _summary(book, report: CycleReport) -> None:
    sheet = book.active
    sheet.title = _("Resumo")
    totals = report.accountability_totals
    rows = [
        (report.title, None, None),
        (_("Plano"), f"{report.plan_title} ({report.plan_period})", None),
        (_("Ciclo"), report.cycle_name, None),
        (_("Início do período"), report.period_start, DATE),
        (_("Fim do período"), report.period_end, DATE),
        (_("Prazo dos relatórios"), report.reporting_deadline, DATE),
        (_("Situação do ciclo"), report.cycle_state, None),
        (_("Gerado em"), report.generated_on, DATE),
        (_("Progresso do plano"), fraction(report.progress), PERCENT),
        (_("Peso considerado"), report.weight, DECIMAL),
        (_("Atividades"), len(report.activities), INTEGER),
        (_("Atividades consideradas"), report.counted, INTEGER),
        (_("Atividades fora do cálculo"), report.excluded, INTEGER),
        (_("Atividades com relatório aprovado"), report.reported_activities, INTEGER),
        (_("Relatórios devidos"), totals["assigned"], INTEGER),
        (_("Relatórios entregues"), totals["reported"], INTEGER),
        (_("Relatórios aprovados"), totals["approved"], INTEGER),
        (_("Relatórios em atraso"), totals["overdue"], INTEGER),
        (_("Atividades com prazo vencido"), len(report.overdue_activities), INTEGER),
        (None, None, None),
        (_("Atividades por situação"), None, None),
    ]
    rows += [(label, total, INTEGER) for label, total in report.status_distribution]
    for label, value, number_format in rows:
        _write(sheet, (label, value), (None, number_format))
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.cell(row=len(rows) - len(report.statuses), column=1).font = Font(bold=True)
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 40


def render_xlsx(report: CycleReport) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        book = Workbook()
        book.properties.title = report.title
        book.properties.language = "pt-BR"
        _summary(book, report)
        _axes_and_actions(book, report)
        _activities(book, report)
        _institutions(book, report)
        _overdue(book, report)
        protect_workbook(book)
        out = BytesIO()
        book.save(out)
        return out.getvalue()


def _axes_and_actions(book, report: CycleReport) -> None:
    figures = [
        (_("Progresso"), PERCENT, 12),
        (_("Peso"), DECIMAL, 8),
        (_("Atividades consideradas"), INTEGER, 14),
        (_("Fora do cálculo"), INTEGER, 14),
    ]
    statuses = [(label, INTEGER, 14) for label in report.statuses]
    rows = [
        (axis.code, axis.title, fraction(axis.progress), axis.weight, axis.counted, axis.excluded, *axis.status_counts)
        for axis in report.axes
    ]
    _table(book, _("Eixos"), [(_("Eixo"), None, 8), (_("Título"), None, 50), *figures, *statuses], rows)
    rows = [
        (axis.code, action.code, action.title, fraction(action.progress), action.weight, action.counted,
         action.excluded)
        for axis in report.axes
        for action in axis.actions
    ]  # fmt: skip
    _table(book, _("Ações"), [(_("Eixo"), None, 8), (_("Ação"), None, 8), (_("Título"), None, 60), *figures], rows)


def _activities(book, report: CycleReport) -> None:
    def narratives(activity):
        return "\n\n".join(f"{r.institution} ({r.status}, {r.percent}%): {r.narrative}" for r in activity.reports)

    def evidence(activity):
        return "\n".join(f"{e.title} — {e.link}" for r in activity.reports for e in r.evidence)

    columns = [
        (_("Eixo"), None, 8),
        (_("Ação"), None, 8),
        (_("Atividade"), None, 10),
        (_("Descrição"), None, 60),
        (_("Responsáveis"), None, 16),
        (_("Parceiras"), None, 16),
        (_("Prazo final"), DATE, 12),
        (_("Peso"), DECIMAL, 8),
        (_("Situação"), None, 20),
        (_("Progresso"), PERCENT, 12),
        (_("Relatos aprovados"), None, 60),
        (_("Evidências públicas"), None, 50),
    ]
    rows = [
        (a.axis_code, a.action_code, a.code, a.text, ", ".join(a.leads), ", ".join(a.partners), a.end_date, a.weight,
         a.status, fraction(a.progress), narratives(a), evidence(a))
        for a in report.activities
    ]  # fmt: skip
    _table(book, _("Atividades"), columns, rows)


def _institutions(book, report: CycleReport) -> None:
    counts = [_("Devidos"), _("Entregues"), _("Aprovados"), _("Pendentes"), _("Em atraso")]
    columns = [(_("Sigla"), None, 12), (_("Instituição"), None, 50)] + [(label, INTEGER, 11) for label in counts]
    rows = [(r.acronym, r.name, r.assigned, r.reported, r.approved, r.pending, r.overdue) for r in report.institutions]
    _table(book, _("Instituições"), columns, rows)


def _overdue(book, report: CycleReport) -> None:
    """Both kinds of delay in one filterable table: late activities and reports not delivered."""
    late_activity, missing_report = _("Atividade com prazo vencido"), _("Relatório não entregue")
    rows = [(late_activity, r.code, ", ".join(r.leads), r.end_date, r.days_late, r.status)
            for r in report.overdue_activities]  # fmt: skip
    rows += [(missing_report, r.activity_code, r.institution, report.reporting_deadline, r.days_overdue, r.state)
             for r in report.overdue_reports]  # fmt: skip
    columns = [
        (_("Tipo"), None, 28),
        (_("Atividade"), None, 10),
        (_("Instituições"), None, 20),
        (_("Prazo"), DATE, 12),
        (_("Dias de atraso"), INTEGER, 14),
        (_("Situação ou etapa"), None, 24),
    ]
    _table(book, _("Atrasos"), columns, rows)
