"""``{% activity_decisions activity %}``: the committees' open decisions concerning a plan activity.

Used by the activity page (plans) and the progress-report pages (monitoring) through the template only, so
those apps do not import the network app.
"""

from django import template

from ..meeting_selectors import open_decisions_for_activity

register = template.Library()


@register.inclusion_tag("network/_activity_decisions.html")
def activity_decisions(activity):
    return {"decisions": open_decisions_for_activity(activity) if activity is not None else []}
