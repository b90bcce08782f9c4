"""Victims by form of exploitation: the table stored with the current release (see ``exploitation_forms``)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from pnetp.disclosure import legend

from . import exploitation_forms
from .release import current_release


@require_safe
def exploitation_forms_page(request):
    published = current_release()
    context = {
        "indicator": exploitation_forms.INDICATOR,
        "rows": exploitation_forms.rows(published.forms),
        "total": exploitation_forms.published_total(published),
        "legend": legend(published.k),
    }
    return render(request, "sisetp/statistics/exploitation_forms.html", context)
