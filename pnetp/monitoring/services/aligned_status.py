"""The state and municipal activities aligned to a national activity, with their monitoring status.

Monitoring builds on plans: the alignment links are ``plans.alignment``'s, the status and progress are the
roll-up's. Shown on the national activity page through the portal's ``aligned_activities`` tag.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from pnetp.plans.alignment import plan_uf, territory_label
from pnetp.plans.models import Activity, ActivityAlignment, Plan, code_sort_key

from .rollup import activity_progress


@dataclass
class AlignedActivity:
    alignment: ActivityAlignment
    activity: Activity
    plan: Plan
    uf: str | None
    territory: str
    reported: bool
    status: str  # the latest approved reports' status labels, or "sem relatório"
    percent: Decimal | None


def _progress_by_plan(plan_ids) -> dict:
    progress = {}
    for plan in Plan.objects.filter(pk__in=plan_ids):
        progress.update(activity_progress(plan))
    return progress


def aligned_local_activities(national_activity: Activity, include_drafts: bool = False) -> list[AlignedActivity]:
    """Local activities aligned to ``national_activity``, with their monitoring status (UF, plan, code order)."""
    alignments = ActivityAlignment.objects.filter(national_activity=national_activity).select_related(
        "local_activity__plan"
    )
    if not include_drafts:
        alignments = alignments.filter(local_activity__plan__status=Plan.Status.PUBLISHED)
    alignments = list(alignments)
    progress = _progress_by_plan({a.local_activity.plan_id for a in alignments})
    rows = []
    for alignment in alignments:
        activity, plan = alignment.local_activity, alignment.local_activity.plan
        result = progress.get(activity.pk)
        reported = bool(result and result.reported)
        labels = sorted({f.status_label for f in result.reports if f.status_label}) if reported else []
        rows.append(
            AlignedActivity(
                alignment=alignment,
                activity=activity,
                plan=plan,
                uf=plan_uf(plan),
                territory=territory_label(plan),
                reported=reported,
                status=", ".join(labels) if reported else _("sem relatório"),
                percent=result.progress if reported else None,
            )
        )
    rows.sort(key=lambda r: (r.uf or "", r.plan.kind != Plan.Kind.STATE, r.plan.title, code_sort_key(r.activity.code)))
    return rows
