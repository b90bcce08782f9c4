"""Data sources on pages for the coordination: list, create, edit (the admin is no longer needed for it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .models import DataSource
from .services.sources import require_source_manager, save_source
from .source_forms import DataSourceForm


@login_required
def source_list(request):
    require_source_manager(request.user)
    sources = DataSource.objects.select_related("institution", "federative_unit", "municipality").order_by("name")
    return render(request, "sisetp/sources/list.html", {"sources": sources})


@login_required
def source_form(request, pk: int | None = None):
    require_source_manager(request.user)
    source = get_object_or_404(DataSource, pk=pk) if pk else DataSource()
    form = DataSourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            save_source(request.user, form.instance)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Fonte de dados “%(name)s” salva.") % {"name": form.instance.name})
            return redirect("sisetp:sources")
    return render(request, "sisetp/sources/form.html", {"form": form, "source": source if pk else None})
