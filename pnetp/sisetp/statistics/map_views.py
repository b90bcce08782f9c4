"""The public map page: victims by UF (choropleth and table) and the ranked municipalities, for one year."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from pnetp.disclosure import legend
from pnetp.territory.geometry import BRAZIL_VIEWBOX

from . import maps, published


@require_safe
def map_page(request):
    result = published.places()
    year = request.GET.get("ano")
    if year not in result.years:  # unknown or absent: the latest year with records
        year = result.years[-1] if result.years else None
    context = {
        "years": result.years,
        "year": year,
        "ufs": maps.uf_map(result, year) if year else [],
        "unknown_uf": result.uf_count(maps.unknown_uf_label(), year) if year else None,
        "classes": maps.legend_classes(maps.class_breaks(result.k)),
        "ranking": maps.municipality_ranking(result, year) if year else [],
        "ranking_all": maps.municipality_ranking(result, None) if year else [],
        "legend": legend(result.k),
        "release": result,
        "viewbox": BRAZIL_VIEWBOX,
    }
    return render(request, "sisetp/statistics/map_page.html", context)
