"""Display of progress figures, shared by the transparency portal and the coordination dashboard."""

from django import template

from pnetp.monitoring.dashboards.charts import percent_text

register = template.Library()


@register.filter
def percent(value) -> str:
    """``Decimal("66.67")`` → "66,67%"; None (nothing to measure) → "—"."""
    return percent_text(value)
