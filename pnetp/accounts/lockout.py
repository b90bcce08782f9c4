"""The page shown while django-axes holds a user/address pair locked after repeated failed sign-ins."""

from django.conf import settings
from django.shortcuts import render


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    # 429: the client may try again later; the body says when, in Portuguese.
    return render(request, "accounts/locked.html", context, status=429)
