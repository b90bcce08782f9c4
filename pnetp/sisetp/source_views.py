"""Data sources on pages for the coordination: list, create, edit, and each source's column mappings
(the admin is no longer needed for them)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .models import DataSource
from .services.sources import require_source_manager, save_source
from .services.mappings import (
    add_column_mapping,
    change_column_mapping,
    column_mappings,
    mapping_history,
    preview_header,
    remove_column_mapping,
)
from .source_forms import ColumnMappingForm, DataSourceForm, HeaderPreviewForm


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


def _managed_source(request, pk: int) -> DataSource:
    require_source_manager(request.user)
    return get_object_or_404(DataSource, pk=pk)


@login_required
def source_mappings(request, pk: int):
    """The source's column mappings: the list, a form to add one and a preview of a sample header."""
    source = _managed_source(request, pk)
    form = ColumnMappingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = add_column_mapping(request.user, source, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Coluna “%(column)s” mapeada para “%(target)s”.")
                             % {"column": entry.source_column, "target": entry.standard_column})  # fmt: skip
            return redirect("sisetp:source-mappings", pk=source.pk)
    preview_form = HeaderPreviewForm(request.GET or None)
    preview = preview_header(source, preview_form.cleaned_data["header"]) if preview_form.is_valid() else None
    context = {
        "source": source,
        "entries": column_mappings(source),
        "form": form,
        "preview_form": preview_form,
        "preview": preview,
        "history": mapping_history(source),
    }
    return render(request, "sisetp/sources/mappings.html", context)


def _mapped_column(request, source):
    """The column named by the form (``current``) or the link (``?coluna=``) and its mapping; 404 if unmapped."""
    current = request.POST.get("current") or request.GET.get("coluna", "")
    entry = next((e for e in column_mappings(source) if e.source_column == current), None)
    if entry is None:
        raise Http404(_("Coluna não mapeada."))
    return current, entry


@login_required
def source_mapping_edit(request, pk: int):
    source = _managed_source(request, pk)
    current, entry = _mapped_column(request, source)
    initial = {"source_column": entry.source_column, "standard_column": entry.standard_column}
    form = ColumnMappingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change_column_mapping(request.user, source, current, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Mapeamento da coluna alterado."))
            return redirect("sisetp:source-mappings", pk=source.pk)
    return render(request, "sisetp/sources/mapping_form.html", {"source": source, "entry": entry, "form": form})


@login_required
def source_mapping_delete(request, pk: int):
    source = _managed_source(request, pk)
    current, entry = _mapped_column(request, source)
    if request.method == "POST":
        remove_column_mapping(request.user, source, current)
        messages.success(request, _("Coluna “%(column)s” retirada do mapeamento.") % {"column": current})
        return redirect("sisetp:source-mappings", pk=source.pk)
    return render(request, "sisetp/sources/mapping_delete.html", {"source": source, "entry": entry})
