"""``build_cycle_report``: the data of a cycle's consolidated report, from the existing services.

Figures come from the roll-up (``services.rollup``) and the accountability table
(``services.accountability``), so they match what the platform shows. Narratives and evidence
come from the very reports the roll-up counted, which are approved by construction; only public
evidence is read.
"""

from collections import Counter
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from pnetp.monitoring.models import Evidence, ProgressReport, StatusOption
from pnetp.monitoring.services.accountability import accountability_table, overdue_reports
from pnetp.monitoring.services.rollup import ActivityProgress, overdue_activities, overdue_cutoff, plan_progress
from pnetp.plans.models import Activity, code_sort_key

from .data import (
    ActionRow,
    ActivityRow,
    AxisSection,
    CycleReport,
    EvidenceLink,
    InstitutionNarrative,
    OverdueActivityRow,
    OverdueReportRow,
)


def no_report_label() -> str:
    return _("Sem relatório aprovado")


def activity_status(progress: ActivityProgress, order: dict[str, int]) -> str:
    """One status per activity. When its institutions disagree, the least advanced counted report
    wins: an activity is only as far along as its slowest institution."""
    if not progress.reports:
        return no_report_label()
    slowest = min(progress.reports, key=lambda f: (not f.counts, f.percent, order.get(f.status_label, 0)))
    return slowest.status_label or _("Sem situação")


def _public_reports(figures, base_url: str) -> dict[int, InstitutionNarrative]:
    """{report id: public part} of the given roll-up figures (two queries)."""
    public = Prefetch("evidence", queryset=Evidence.objects.filter(is_public=True).order_by("created_at", "id"))
    reports = ProgressReport.objects.filter(pk__in=list(figures), state=ProgressReport.State.APPROVED)
    result = {}
    for report in reports.select_related("institution", "cycle", "status").prefetch_related(public):
        evidence = tuple(
            EvidenceLink(item.title, item.url or base_url.rstrip("/") + item.link) for item in report.evidence.all()
        )
        result[report.pk] = InstitutionNarrative(
            institution=report.institution.acronym or report.institution.name,
            cycle=report.cycle.name,
            status=report.status.label if report.status else "",
            percent=figures[report.pk].percent,  # the roll-up's: the status default when none was given
            narrative=report.narrative.strip(),
            evidence=evidence,
        )
    return result


def _acronyms(institutions) -> tuple[str, ...]:
    return tuple(sorted(i.acronym or i.name for i in institutions.all()))


def _activity_details(plan) -> dict[int, dict]:
    """{activity id: description, leads, partners and end date} (three queries)."""
    activities = (
        Activity.objects.filter(plan=plan)
        .select_related("responsibility")
        .prefetch_related("responsibility__lead_institutions", "responsibility__partner_institutions")
    )
    details = {}
    for activity in activities:
        responsibility = getattr(activity, "responsibility", None)
        details[activity.pk] = {
            "text": activity.description,
            "leads": _acronyms(responsibility.lead_institutions) if responsibility else (),
            "partners": _acronyms(responsibility.partner_institutions) if responsibility else (),
            "end_date": responsibility.end_date if responsibility else None,
        }
    return details


def _activity_row(leaf: ActivityProgress, axis, action, details, narratives, status: str) -> ActivityRow:
    reports = sorted((narratives[f.report_id] for f in leaf.reports if f.report_id in narratives),
                     key=lambda r: r.institution.casefold())  # fmt: skip
    return ActivityRow(
        code=leaf.code,
        axis_code=axis.code,
        action_code=action.code,
        weight=leaf.weight,
        status=status,
        progress=leaf.progress,
        excluded=leaf.excluded,
        reports=tuple(reports),
        **details[leaf.activity_id],
    )


def build_cycle_report(cycle, today: date | None = None, base_url: str = "") -> CycleReport:
    """Assemble the report of ``cycle``. ``base_url`` makes links to uploaded evidence absolute."""
    today = today or timezone.localdate()
    tree = plan_progress(cycle.plan, cycle)
    leaves = {leaf.code: leaf for axis in tree.children for action in axis.children for leaf in action.children}
    narratives = _public_reports({f.report_id: f for leaf in leaves.values() for f in leaf.reports}, base_url)
    details = _activity_details(cycle.plan)
    options = list(StatusOption.objects.order_by("order", "label"))
    order = {option.label: option.order for option in options}

    built, used = [], set()
    for axis in tree.children:
        counts, actions = Counter(), []
        for action in axis.children:
            rows = []
            for leaf in action.children:
                status = activity_status(leaf, order)
                counts[status] += 1
                rows.append(_activity_row(leaf, axis, action, details, narratives, status))
            actions.append(ActionRow(action.code, action.title, action.progress, action.weight, action.counted,
                                     action.excluded, tuple(rows)))  # fmt: skip
        used.update(counts)
        built.append((axis, counts, tuple(actions)))

    # Active options always show (a zero is informative); retired ones only while still in use.
    statuses = [o.label for o in options if o.active or o.label in used]
    statuses += sorted(used - set(statuses) - {no_report_label()}) + [no_report_label()]
    axes = tuple(
        AxisSection(axis.code, axis.title, axis.progress, axis.weight, axis.counted, axis.excluded, actions,
                    tuple(counts[label] for label in statuses))
        for axis, counts, actions in built
    )  # fmt: skip
    # Deadlines are judged at the end of the period (or today, while it runs) with this cycle's
    # figures, so regenerating an old cycle's report later gives the same overdue list.
    cutoff = overdue_cutoff(today, cycle)
    late_ids = {a.activity_id for a in overdue_activities(cycle.plan, today, cycle)}
    institutions = accountability_table(cycle, today)
    return CycleReport(
        plan_title=str(cycle.plan),
        plan_period=cycle.plan.period,
        cycle_name=cycle.name,
        cycle_state=cycle.get_state_display(),
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        reporting_deadline=cycle.reporting_deadline,
        generated_on=today,
        overdue_cutoff=cutoff,
        progress=tree.progress,
        weight=tree.weight,
        counted=tree.counted,
        excluded=tree.excluded,
        statuses=tuple(statuses),
        axes=axes,
        institutions=tuple(institutions),
        overdue_activities=_overdue_activities(axes, leaves, cutoff, late_ids),
        overdue_reports=_overdue_reports(cycle, today, institutions),
    )


def _overdue_activities(axes, leaves, cutoff: date, late_ids: set[int]) -> tuple[OverdueActivityRow, ...]:
    """The rows of ``rollup.overdue_activities(plan, today, cycle)``: the dashboard counts the same ones."""
    late = []
    for axis in axes:
        for row in axis.activities:
            leaf = leaves[row.code]
            if leaf.activity_id not in late_ids:
                continue
            days = (cutoff - row.end_date).days
            late.append(OverdueActivityRow(row.code, row.text, row.leads, row.end_date, days, row.status))
    return tuple(late)


def _overdue_reports(cycle, today: date, institutions) -> tuple[OverdueReportRow, ...]:
    acronyms = {row.institution_id: row.acronym or row.name for row in institutions}
    states = dict(ProgressReport.State.choices)
    rows = [
        OverdueReportRow(
            activity_code=report.activity_code,
            institution=acronyms.get(report.institution_id, f"#{report.institution_id}"),
            state=str(states[report.state]) if report.state else _("Não iniciado"),
            days_overdue=report.days_overdue,
        )
        for report in overdue_reports(cycle, today)
    ]
    return tuple(sorted(rows, key=lambda row: (row.institution.casefold(), code_sort_key(row.activity_code))))
