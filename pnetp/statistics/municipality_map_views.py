"""Municipality choropleth of one UF: published victim counts, classes as on the UF map, table alternative."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from pnetp.disclosure import legend
from pnetp.territory.models import FederativeUnit

from . import maps
from .municipality_map import index_layer, municipality_map
from .rates import RATE_INDICATOR, place_release
from .vulnerability import vulnerability_index


@require_safe
def municipality_map_index(request):
    uf = (request.GET.get("uf") or "").strip().lower()
    if uf and FederativeUnit.objects.filter(abbreviation=uf.upper()).exists():
        return redirect("statistics:statistics-municipality-map", uf)
    return render(
        request,
        "statistics/municipality_map_index.html",
        {"ufs": FederativeUnit.objects.order_by("name"), "unknown": bool(uf)},
    )


@require_safe
def municipality_map_page(request, uf: str):
    if uf != uf.lower():
        return redirect("statistics:statistics-municipality-map", uf.lower(), permanent=True)
    federative_unit = get_object_or_404(FederativeUnit, abbreviation=uf.upper())
    result = place_release()
    layer = "indice" if request.GET.get("camada") == "indice" else "vitimas"
    year = request.GET.get("ano") or None
    if year not in result.years or layer == "indice":  # the index is over all years
        year = None
    data = municipality_map(federative_unit, result, year)
    if layer == "indice":
        classes = index_layer(data, vulnerability_index(result))
    else:
        classes = maps.legend_classes(maps.class_breaks(result.k))
    context = {
        "uf": federative_unit,
        "ufs": FederativeUnit.objects.order_by("name"),
        "years": result.years,
        "year": year,
        "layer": layer,
        "map": data,
        "classes": classes,
        "legend": legend(result.k),
        "rate_indicator": RATE_INDICATOR,
        "release": result,
    }
    return render(request, "statistics/municipality_map.html", context)
