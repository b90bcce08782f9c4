"""Public pages: the UFs with their municipality counts, the municipalities of a UF, one municipality."""

import json

from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from pnetp.core.text import fold

from . import geometry
from .forms import PlaceLookupForm
from .models import FederativeUnit, Municipality
from .services import PlaceLookupError, find_municipality


def federative_unit_list(request):
    form = PlaceLookupForm(request.GET or None)
    lookup_error = None
    if form.is_valid():
        try:
            return redirect(find_municipality(form.cleaned_data["q"]))
        except PlaceLookupError as exc:
            lookup_error = exc
    ufs = FederativeUnit.objects.select_related("capital").annotate(municipality_count=Count("municipalities"))
    ufs = sorted(ufs, key=lambda uf: fold(uf.name))  # accent-aware: Pará, Paraíba, Paraná
    context = {
        "form": form,
        "lookup_error": lookup_error,
        "ufs": ufs,
        "total": Municipality.objects.count(),
        "viewbox": geometry.BRAZIL_VIEWBOX,
    }
    return render(request, "territory/uf_list.html", context)


def federative_unit_detail(request, abbreviation: str):
    if abbreviation != abbreviation.lower():
        return redirect("territory:uf", abbreviation.lower(), permanent=True)
    uf = get_object_or_404(FederativeUnit.objects.select_related("capital"), abbreviation=abbreviation.upper())
    municipalities = uf.municipalities.only("ibge_code", "name", "is_capital", "uf_id").order_by("name")
    context = {
        "uf": uf,
        "municipalities": municipalities,
        "outlines": FederativeUnit.objects.exclude(svg_path="").only("abbreviation", "name", "svg_path"),
        "viewbox": geometry.BRAZIL_VIEWBOX,
    }
    return render(request, "territory/uf_detail.html", context)


def municipality_detail(request, ibge_code: int):
    municipality = get_object_or_404(Municipality.objects.select_related("uf", "uf__capital"), pk=ibge_code)
    seat = (float(municipality.longitude), float(municipality.latitude))
    outline = json.loads(municipality.boundary) if municipality.boundary else None
    projection = geometry.fit([outline], [seat], size=320) if outline else None
    context = {
        "municipality": municipality,
        "uf": municipality.uf,
    }
    if projection:
        context |= {
            "outline_path": projection.path(outline),
            "outline_viewbox": projection.viewbox,
            "seat_x": projection.point(*seat)[0],
            "seat_y": projection.point(*seat)[1],
        }
    return render(request, "territory/municipality_detail.html", context)
