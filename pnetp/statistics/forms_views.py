"""Victims by a multi-valued dimension, the tables stored with the current release: forms of exploitation
(``exploitation_forms``) and citizenship (``citizenship``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from pnetp.disclosure import legend

from . import citizenship, exploitation_forms
from .published import current_release


@require_safe
def exploitation_forms_page(request):
    published = current_release()
    context = {
        "indicator": exploitation_forms.INDICATOR,
        "rows": exploitation_forms.rows(published.forms),
        "total": exploitation_forms.published_total(published),
        "legend": legend(published.k),
    }
    return render(request, "statistics/exploitation_forms.html", context)


@require_safe
def citizenship_page(request):
    published = current_release()
    context = {
        "indicator": citizenship.INDICATOR,
        "columns": citizenship.columns(published.citizenship),
        "rows": citizenship.rows(published.citizenship),
        "legend": legend(published.k),
        "release": published,
    }
    return render(request, "statistics/citizenship.html", context)
