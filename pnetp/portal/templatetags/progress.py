"""Display of progress figures, shared by the transparency portal and the coordination dashboard."""

from django import template

from pnetp.monitoring.dashboards.charts import percent_text
from pnetp.monitoring.services.aligned_status import aligned_local_activities
from pnetp.plans.models import Plan

from ..services.pages import public_activities

register = template.Library()


@register.filter
def percent(value) -> str:
    """``Decimal("66.67")`` → "66,67%"; None (nothing to measure) → "—"."""
    return percent_text(value)


@register.simple_tag
def public_activity(plan, activity):
    """The portal's public view of one activity of a published plan (who answers, deadline, status, reports)."""
    if plan.status != Plan.Status.PUBLISHED:
        return None
    return public_activities(plan).get(activity.code)


@register.simple_tag
def aligned_activities(activity, include_drafts=False):
    """State and municipal activities aligned to a national one, with their monitoring status."""
    return aligned_local_activities(activity, include_drafts)
