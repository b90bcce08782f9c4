"""Writing responsibilities, indicators and (for a cycle) reports to XLSX or CSV.

Rows hold Python values (dates, decimals); each format writes them its own way: XLSX as typed
cells, CSV as pt-BR text (dd/mm/aaaa, decimal comma, ";" separator, UTF-8 with BOM for Excel).
"""

import io
from datetime import date
from decimal import Decimal

from pnetp.core.spreadsheet_safety import csv_writer
from pnetp.core.text import fold
from pnetp.monitoring.models import Indicator, ProgressReport
from pnetp.plans.models import Activity, code_sort_key

from .cells import escape_formula, format_date, format_decimal
from .columns import INDICATORS, REPORTS, RESPONSIBILITIES, SheetSpec
from .vocabulary import DIRECTION_WORDS, FREQUENCY_WORDS

LIST_SEPARATOR = "; "


def _acronyms(institutions) -> str:
    return LIST_SEPARATOR.join(sorted((i.acronym for i in institutions), key=fold))


def _activities(plan) -> list[Activity]:
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("responsibility")
        .prefetch_related("responsibility__lead_institutions", "responsibility__partner_institutions")
    )
    return sorted(activities, key=lambda activity: code_sort_key(activity.code))


def _responsibility(activity):
    return getattr(activity, "responsibility", None)


def responsibility_rows(activities: list[Activity]) -> list[list]:
    rows = []
    for activity in activities:
        r = _responsibility(activity)
        if r is None:
            rows.append([activity.code, activity.description, "", "", None, None, "", None])
            continue
        rows.append([
            activity.code, activity.description,
            _acronyms(r.lead_institutions.all()), _acronyms(r.partner_institutions.all()),
            r.start_date, r.end_date, r.deliverable, r.weight,
        ])  # fmt: skip
    return rows


def indicator_rows(activities: list[Activity]) -> list[list]:
    by_activity: dict[int, list[Indicator]] = {}
    for indicator in Indicator.objects.filter(activity__in=activities).order_by("id"):
        by_activity.setdefault(indicator.activity_id, []).append(indicator)
    return [
        [
            activity.code,
            i.name,
            i.unit,
            i.baseline_value,
            i.baseline_year,
            i.target_value,
            DIRECTION_WORDS.get(i.direction, i.direction),
            FREQUENCY_WORDS.get(i.frequency, i.frequency),
        ]  # fmt: skip
        for activity in activities
        for i in by_activity.get(activity.pk, [])
    ]


def report_rows(activities: list[Activity], cycle) -> list[list]:
    """One row per institution taking part in each activity, with or without a report yet."""
    reports = ProgressReport.objects.filter(cycle=cycle).select_related("institution", "status")
    by_pair = {(r.activity_id, r.institution_id): r for r in reports}
    rows = []
    for activity in activities:
        r = _responsibility(activity)
        institutions = {}
        if r is not None:
            institutions |= {i.pk: i for i in [*r.lead_institutions.all(), *r.partner_institutions.all()]}
        # Reports of institutions no longer taking part are still shown.
        institutions |= {key[1]: report.institution for key, report in by_pair.items() if key[0] == activity.pk}
        for institution in sorted(institutions.values(), key=lambda i: fold(i.acronym)):
            report = by_pair.get((activity.pk, institution.pk))
            if report is None:
                rows.append([activity.code, institution.acronym, "", None, "", "", "", ""])
                continue
            rows.append([
                activity.code, institution.acronym, report.status.label if report.status else "",
                report.percent_complete, report.narrative, report.difficulties, report.next_steps,
                report.get_state_display(),
            ])  # fmt: skip
    return rows


def build_tables(plan, cycle=None) -> list[tuple[SheetSpec, list[list]]]:
    activities = _activities(plan)
    tables = [(RESPONSIBILITIES, responsibility_rows(activities)), (INDICATORS, indicator_rows(activities))]
    if cycle is not None:
        tables.append((REPORTS, report_rows(activities, cycle)))
    return tables


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return format_decimal(value)
    return escape_formula(str(value))


def export_csv(plan, cycle=None) -> dict[str, bytes]:
    """File name → content, one file per kind."""
    files = {}
    for spec, rows in build_tables(plan, cycle):
        buffer = io.StringIO()
        writer = csv_writer(buffer, delimiter=";")
        writer.writerow(spec.columns)
        writer.writerows([_csv_text(value) for value in row] for row in rows)
        # The BOM is what makes Excel read the file as UTF-8 instead of the system code page.
        files[spec.filename] = ("\ufeff" + buffer.getvalue()).encode("utf-8")
    return files


def export_xlsx(plan, cycle=None) -> bytes:
    from .workbook import write_workbook

    return write_workbook(build_tables(plan, cycle))
