"""Victims by form of exploitation: protected against the current release (see ``exploitation_forms``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from pnetp.disclosure import legend

from . import exploitation_forms
from .release import current_release


@require_safe
def exploitation_forms_page(request):
    published = current_release()
    protected = exploitation_forms.release_forms(published)
    context = {
        "indicator": exploitation_forms.INDICATOR,
        "rows": exploitation_forms.rows(protected),
        "total": exploitation_forms.published_total(published),
        "legend": legend(published.k),
    }
    return render(request, "sisetp/statistics/exploitation_forms.html", context)
