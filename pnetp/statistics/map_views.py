"""The public map page: victims by UF (choropleth and table) and the ranked municipalities, for one year or
all years together ("todos"); by default the period that publishes the most numbers."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from pnetp.disclosure import legend
from pnetp.territory.geometry import BRAZIL_VIEWBOX

from . import maps, published


@require_safe
def map_page(request):
    result = published.places()
    asked = request.GET.get("ano")
    if asked == maps.ALL_YEARS:
        year = None
    elif asked in result.years:
        year = asked
    else:  # unknown or absent: the period with the most published numbers
        year = maps.fullest_period(result)
    context = {
        "years": result.years,
        "year": year,
        "period": year or _("todos os anos"),
        "all_years": maps.ALL_YEARS,
        "ufs": maps.uf_map(result, year) if result.years else [],
        "unknown_uf": result.uf_count(maps.unknown_uf_label(), year) if result.years else None,
        "classes": maps.legend_classes(maps.class_breaks(result.k)),
        "ranking": maps.municipality_ranking(result, year) if result.years else [],
        # the all-years ranking beside a year's (with all years chosen, "ranking" is that one)
        "ranking_all": maps.municipality_ranking(result, None) if year else [],
        "legend": legend(result.k),
        "release": result,
        "viewbox": BRAZIL_VIEWBOX,
    }
    return render(request, "statistics/map_page.html", context)
