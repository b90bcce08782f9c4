"""Onde denunciar: the report channels, one light page for phones (no map, no script of its own)."""

from django.shortcuts import render

from ...models import ChannelScope
from ...selectors import public_channels


def report_channels(request):
    channels = list(public_channels())
    context = {
        "national": [c for c in channels if c.scope == ChannelScope.NATIONAL],
        "international": [c for c in channels if c.scope == ChannelScope.INTERNATIONAL],
    }
    return render(request, "network/report_channels.html", context)
