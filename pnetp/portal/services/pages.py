"""The data of the portal pages, from the roll-up of approved reports (``services.rollup``).

Figures use every approved report up to today (no cycle filter): each institution's latest
approved report per activity counts. Only public material leaves this module (see visibility).

An institution's progress is the weighted average (``Responsibility.weight``) of the progress of
the activities it leads, cancelled ones left out, as the plan's own roll-up does.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db.models import Q

from pnetp.institutions.models import Institution
from pnetp.monitoring.models import Responsibility, StatusOption
from pnetp.monitoring.reports.assembly import activity_status
from pnetp.monitoring.services.rollup import ActivityProgress, ProgressNode, plan_progress, to_percent
from pnetp.plans.models import Plan, code_sort_key

from .visibility import APPROVER, approved_reports, evidence_link, featured_plan, public_plans


@dataclass(frozen=True)
class PublicReport:
    institution: str
    institution_id: int
    cycle: str
    status: str
    percent: int  # as counted: the report's percent or its status's default
    narrative: str
    difficulties: str
    next_steps: str
    approved_on: date | None
    evidence: tuple[tuple[str, str], ...]  # (title, link), public only
    approver: str = str(APPROVER)


@dataclass(frozen=True)
class PublicActivity:
    code: str
    text: str
    leads: tuple[Institution, ...]
    partners: tuple[Institution, ...]
    end_date: date | None
    status: str
    progress: Decimal | None
    reports: tuple[PublicReport, ...]


@dataclass(frozen=True)
class InstitutionProgress:
    institution_id: int
    acronym: str
    name: str
    led: int
    progress: Decimal | None


def _orders() -> dict[str, int]:
    return dict(StatusOption.objects.values_list("label", "order"))


def _leaves(tree: ProgressNode) -> list[ActivityProgress]:
    return [leaf for axis in tree.children for action in axis.children for leaf in action.children]


def _responsibilities(plan) -> dict[int, Responsibility]:
    rows = Responsibility.objects.filter(activity__plan=plan).prefetch_related(
        "lead_institutions", "partner_institutions"
    )
    return {r.activity_id: r for r in rows}


def _public_reports(leaves) -> dict[int, PublicReport]:
    """{report id: public part} of the reports the roll-up counted (approved by construction)."""
    percents = {f.report_id: f.percent for leaf in leaves for f in leaf.reports}
    result = {}
    for report in approved_reports().filter(pk__in=list(percents)):
        result[report.pk] = PublicReport(
            institution=report.institution.acronym or report.institution.name,
            institution_id=report.institution_id,
            cycle=report.cycle.name,
            status=report.status.label if report.status else "",
            percent=percents[report.pk],
            narrative=report.narrative.strip(),
            difficulties=report.difficulties.strip(),
            next_steps=report.next_steps.strip(),
            approved_on=report.approved_at.date() if report.approved_at else None,
            evidence=tuple((e.title, evidence_link(e)) for e in report.public_evidence),
        )
    return result


def _sorted_institutions(institutions) -> tuple[Institution, ...]:
    return tuple(sorted(institutions, key=lambda i: (i.acronym or i.name).casefold()))


def public_activities(plan, tree: ProgressNode | None = None) -> dict[str, PublicActivity]:
    """{activity code: public view} of every activity of a published plan (five queries)."""
    tree = tree or plan_progress(plan)
    leaves = _leaves(tree)
    texts = dict(plan.activities.values_list("code", "description"))
    reports, order, responsibilities = _public_reports(leaves), _orders(), _responsibilities(plan)
    result = {}
    for leaf in leaves:
        r = responsibilities.get(leaf.activity_id)
        own = sorted((reports[f.report_id] for f in leaf.reports if f.report_id in reports),
                     key=lambda p: p.institution.casefold())  # fmt: skip
        result[leaf.code] = PublicActivity(
            code=leaf.code,
            text=texts[leaf.code],
            leads=_sorted_institutions(r.lead_institutions.all()) if r else (),
            partners=_sorted_institutions(r.partner_institutions.all()) if r else (),
            end_date=r.end_date if r else None,
            status=activity_status(leaf, order),
            progress=leaf.progress,
            reports=tuple(own),
        )
    return result


def institution_progress(plan, tree: ProgressNode | None = None) -> list[InstitutionProgress]:
    """One row per institution leading activities of the plan, by acronym."""
    tree = tree or plan_progress(plan)
    leaves = {leaf.activity_id: leaf for leaf in _leaves(tree)}
    through = Responsibility.lead_institutions.through.objects.filter(responsibility__activity__plan=plan)
    led: dict[int, list[ActivityProgress]] = defaultdict(list)
    for activity_id, institution_id in through.values_list("responsibility__activity_id", "institution_id"):
        led[institution_id].append(leaves[activity_id])
    rows = []
    for institution in Institution.objects.filter(pk__in=list(led)):
        counted = [leaf for leaf in led[institution.pk] if not leaf.excluded]
        weight = sum((Fraction(leaf.weight) for leaf in counted), Fraction(0))
        weighted = sum((Fraction(leaf.weight) * Fraction(leaf.progress) for leaf in counted), Fraction(0))
        progress = to_percent(weighted / weight) if weight else None
        rows.append(InstitutionProgress(institution.pk, institution.acronym, institution.name,
                                        len(led[institution.pk]), progress))  # fmt: skip
    return sorted(rows, key=lambda row: (row.acronym or row.name).casefold())


@dataclass(frozen=True)
class Overview:
    plans: tuple[tuple[Plan, ProgressNode], ...]
    featured: Plan | None
    tree: ProgressNode | None
    institutions: tuple[InstitutionProgress, ...]


def overview() -> Overview:
    plans = list(public_plans())
    trees = {plan.pk: plan_progress(plan) for plan in plans}
    featured = featured_plan()
    tree = trees[featured.pk] if featured else None
    institutions = institution_progress(featured, tree) if featured else []
    return Overview(tuple((p, trees[p.pk]) for p in plans), featured, tree, tuple(institutions))


@dataclass(frozen=True)
class InstitutionActivity:
    activity: PublicActivity
    role: str  # "lead" or "partner"
    own_report: PublicReport | None


@dataclass(frozen=True)
class InstitutionPlan:
    plan: Plan
    progress: InstitutionProgress | None
    activities: tuple[InstitutionActivity, ...]


def public_institutions():
    """Institutions leading or partnering activities of a published plan."""
    published = Q(status=Plan.Status.PUBLISHED)
    in_plan = Q(led_responsibilities__activity__plan__in=Plan.objects.filter(published)) | Q(
        partner_responsibilities__activity__plan__in=Plan.objects.filter(published)
    )
    return Institution.objects.filter(in_plan).distinct()


def institution_plans(institution) -> list[InstitutionPlan]:
    """Per published plan where the institution takes part: its progress and its activities."""
    result = []
    for plan in public_plans():
        responsibilities = Responsibility.objects.filter(activity__plan=plan)
        codes = responsibilities.values_list("activity__code", flat=True)
        lead = set(codes.filter(lead_institutions=institution))
        partner = set(codes.filter(partner_institutions=institution))
        if not lead and not partner:
            continue
        tree = plan_progress(plan)
        activities = public_activities(plan, tree)
        progress = next((row for row in institution_progress(plan, tree) if row.institution_id == institution.pk), None)
        rows = [
            InstitutionActivity(
                activities[code],
                "lead" if code in lead else "partner",
                next((r for r in activities[code].reports if r.institution_id == institution.pk), None),
            )
            for code in sorted(lead | partner, key=code_sort_key)
        ]
        result.append(InstitutionPlan(plan, progress, tuple(rows)))
    return result


@dataclass(frozen=True)
class PublicAction:
    code: str
    title: str
    progress: Decimal | None
    activities: tuple[PublicActivity, ...]


@dataclass(frozen=True)
class PublicAxis:
    code: str
    title: str
    progress: Decimal | None
    actions: tuple[PublicAction, ...]


def plan_sections(plan) -> tuple[ProgressNode, tuple[PublicAxis, ...]]:
    """The plan's progress tree and, in plan order, its axes → actions → public activities."""
    tree = plan_progress(plan)
    activities = public_activities(plan, tree)
    axes = tuple(
        PublicAxis(axis.code, axis.title, axis.progress, tuple(
            PublicAction(action.code, action.title, action.progress,
                         tuple(activities[leaf.code] for leaf in action.children))
            for action in axis.children
        ))
        for axis in tree.children
    )  # fmt: skip
    return tree, axes
