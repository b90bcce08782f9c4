"""What the public may see: published plans, approved reports, public evidence; never people.

Every portal page and open-data file reads through these functions, so the rule lives in one place.
Reports name institutions only: the approver is always shown as the national coordination.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pnetp.monitoring.models import Evidence, ProgressReport
from pnetp.plans.models import Plan

APPROVER = _("Coordenação nacional")


def public_plans() -> QuerySet[Plan]:
    return Plan.objects.filter(status=Plan.Status.PUBLISHED).order_by("-start_year", "title", "pk")


def featured_plan() -> Plan | None:
    """The most recent published national plan, or else the most recent published plan."""
    plans = public_plans()
    return plans.filter(kind=Plan.Kind.NATIONAL).first() or plans.first()


def get_public_plan(slug: str) -> Plan:
    plan = public_plans().filter(slug=slug).first()
    if plan is None:
        raise Http404("plan not published")
    return plan


def public_evidence() -> QuerySet[Evidence]:
    return Evidence.objects.filter(is_public=True).order_by("created_at", "id")


def approved_reports(plans=None) -> QuerySet[ProgressReport]:
    """Approved reports of published plans (of ``plans`` when given), with institution, cycle,
    status and public evidence loaded."""
    reports = ProgressReport.objects.filter(
        state=ProgressReport.State.APPROVED, cycle__plan__status=Plan.Status.PUBLISHED
    )
    if plans is not None:
        reports = reports.filter(cycle__plan__in=plans)
    return reports.select_related("institution", "cycle__plan", "activity", "status").prefetch_related(
        Prefetch("evidence", queryset=public_evidence(), to_attr="public_evidence")
    )


def evidence_link(evidence: Evidence) -> str:
    return evidence.link
