"""The public directory (list with map and filters, one unit, CSV and JSON) and its editing pages."""

import csv
import io
import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pnetp.accounts.access import policy_required
from pnetp.territory.geometry import BRAZIL_VIEWBOX
from pnetp.territory.models import FederativeUnit

from ... import selectors
from ...importer import export_units_csv, import_units_csv
from ...permissions import access_unit, can_add_unit, can_edit_unit, can_manage_directory
from ...services.directory import unit_create, unit_update
from ..forms import DirectoryFilterForm, UnitForm, UnitImportForm
from .auth import login_first
from .form_pages import save_or_refuse

PAGE_SIZE = 50


def _filtered_rows(request):
    form = DirectoryFilterForm(request.GET or None)
    return form, selectors.public_rows(form.filters())


def unit_list(request):
    form, rows = _filtered_rows(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    for row in page.object_list:
        row["servicos_nomes"] = selectors.service_labels(row["servicos"])
    context = {
        "form": form,
        "page_obj": page,
        "rows": page.object_list,
        "querystring": querystring.urlencode(),
        "viewbox": BRAZIL_VIEWBOX,
        "outlines": FederativeUnit.objects.exclude(svg_path="").only("abbreviation", "name", "svg_path"),
        "markers": selectors.map_markers(rows),
        "can_add": can_add_unit(request.user),
        "can_manage": can_manage_directory(request.user),
    }
    return render(request, "network/unit_list.html", context)


def _public_unit(pk: int):
    unit = selectors.public_units().filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def unit_detail(request, pk: int):
    unit = _public_unit(pk)
    row = selectors.public_unit_fields(unit)
    row["servicos_nomes"] = selectors.service_labels(row["servicos"])
    context = {"unit": row, "pk": pk, "can_edit": can_edit_unit(request.user, unit)}
    return render(request, "network/unit_detail.html", context)


def units_csv(request):
    _form, rows = _filtered_rows(request)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=selectors.PUBLIC_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        cells = {k: ("" if v is None else v) for k, v in row.items()}
        cells["servicos"] = ";".join(row["servicos"])
        writer.writerow(cells)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rede-unidades.csv"'
    return response


def units_json(request):
    _form, rows = _filtered_rows(request)
    data = [{k: row[k] for k in (*selectors.PUBLIC_FIELDS, "restrito")} for row in rows]
    body = json.dumps({"unidades": data}, cls=DjangoJSONEncoder, ensure_ascii=False)
    return HttpResponse(body, content_type="application/json")


def freshness(request):
    return render(request, "network/freshness.html", {"rows": selectors.freshness_by_uf()})


def _form_page(request, form, unit=None):
    return render(request, "network/unit_form.html", {"form": form, "unit": unit})


@policy_required(can_add_unit)
def unit_new(request):
    form = UnitForm(request.POST or None)
    if request.method == "POST":
        unit = save_or_refuse(
            form, lambda data: unit_create(request.user, data=data), _("Você não pode gravar esta unidade.")
        )
        if unit is not None:
            return redirect("network:unit", unit.pk)
    return _form_page(request, form)


@login_first
def unit_edit(request, pk: int):
    unit = access_unit(request.user, pk)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST":
        saved = save_or_refuse(
            form, lambda data: unit_update(request.user, unit, data=data), _("Você não pode gravar esta unidade.")
        )
        if saved is not None:
            return redirect("network:unit", saved.pk)
    return _form_page(request, form, unit)


@policy_required(can_manage_directory)
def unit_import(request):
    posted = request.method == "POST"
    form = UnitImportForm(request.POST, request.FILES) if posted else UnitImportForm()
    result = None
    if posted and form.is_valid():
        data = form.cleaned_data
        result = import_units_csv(request.user, data["file"], dry_run=data["dry_run"], filename=data["file"].name)
    return render(request, "network/unit_import.html", {"form": form, "result": result})


@policy_required(can_manage_directory)
def unit_export(request):
    response = HttpResponse(export_units_csv(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="rede-unidades-completo.csv"'
    return response
