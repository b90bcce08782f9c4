"""Public pages of the Projeto Mapear (overview with map, filterable list, one point) and the import page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from pnetp.accounts.access import policy_required
from pnetp.territory.geometry import BRAZIL_VIEWBOX
from pnetp.territory.models import FederativeUnit

from . import geo, services
from .forms import MapearImportForm, PointFilterForm
from .importer import import_mapear_csv
from .models import HighwayPoint, MapearSurvey, RiskGrade
from .permissions import can_import_mapear

PAGE_SIZE = 50


def _map_context(markers) -> dict:
    return {
        "viewbox": BRAZIL_VIEWBOX,
        "outlines": FederativeUnit.objects.exclude(svg_path="").only("abbreviation", "name", "svg_path"),
        "markers": markers,
        "grades": RiskGrade.choices,
    }


def _requested_year(request) -> int | None:
    year = request.GET.get("edicao", "").strip()
    return int(year) if year.isdigit() else None


def _years() -> list[int]:
    return list(MapearSurvey.objects.values_list("year", flat=True))


def overview(request):
    survey = services.current_survey(_requested_year(request))
    points = services.survey_points(survey)
    uf_rows, totals = services.counts_by_uf(points)
    context = {
        "survey": survey,
        "years": _years(),
        "grade_counts": services.counts_by_grade(points),
        "uf_rows": uf_rows,
        "totals": totals,
        "attribute_counts": services.attribute_counts(points),
        "can_import": can_import_mapear(request.user),
        **_map_context(services.map_markers(points)),
    }
    return render(request, "mapear/overview.html", context)


def point_list(request):
    survey = services.current_survey(_requested_year(request))
    points = services.survey_points(survey)
    form = PointFilterForm(request.GET or None, years=_years(), highways=services.highways(points))
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(services.filter_points(points, **filters), PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "survey": survey,
        "form": form,
        "page_obj": page,
        "points": page.object_list,
        "querystring": querystring.urlencode(),
    }
    return render(request, "mapear/point_list.html", context)


def point_detail(request, pk: int):
    point = get_object_or_404(HighwayPoint.objects.select_related("survey", "municipality", "uf"), pk=pk)
    x, y = geo.map_position(point.latitude, point.longitude)
    context = {"point": point, **_map_context([{"x": x, "y": y, "grade": point.risk_grade}])}
    return render(request, "mapear/point_detail.html", context)


@policy_required(can_import_mapear)
def import_points(request):
    posted = request.method == "POST"
    form = MapearImportForm(request.POST, request.FILES) if posted else MapearImportForm(initial=_initial_year())
    result = None
    if posted and form.is_valid():
        data = form.cleaned_data
        result = import_mapear_csv(data["file"], year=data["year"], dry_run=data["dry_run"], user=request.user)
    return render(request, "mapear/import.html", {"form": form, "result": result})


def _initial_year() -> dict:
    latest = services.current_survey()
    return {"year": latest.year} if latest else {}
