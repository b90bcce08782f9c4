"""The published statistics of one municipality, for pages of apps below statistics (``territory``'s page)."""

from django import template

from ..municipality_map import municipality_summary
from ..vulnerability import municipality_vulnerability as vulnerability_of

register = template.Library()


@register.simple_tag
def municipality_statistics(municipality):
    """What the released tables publish for the municipality (suppressed cells as published)."""
    return municipality_summary(municipality)


@register.simple_tag
def municipality_vulnerability(municipality):
    """The municipality's vulnerability index (activity 3.5.1), from published numbers only."""
    return vulnerability_of(municipality)
