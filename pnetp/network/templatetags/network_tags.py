"""``{% activity_decisions activity %}``: the committees' open decisions concerning a plan activity and the
counts of registry items linked to it ("3 capacitações, 412 participantes"), cited as evidence.

Used by the activity page (plans) and the progress-report pages (monitoring) through the template only, so
those apps do not import the network app.
"""

from django import template

from ..meeting_selectors import open_decisions_for_activity
from ..registry_selectors import activity_evidence

register = template.Library()


@register.inclusion_tag("network/_activity_decisions.html")
def activity_decisions(activity):
    if activity is None:
        return {"decisions": [], "evidence": None}
    return {"decisions": open_decisions_for_activity(activity), "evidence": activity_evidence(activity)}
