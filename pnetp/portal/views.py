"""Public transparency portal. What may be shown is decided in ``services``; views pick templates."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from pnetp.monitoring.dashboards import figures

from .services import opendata, pages
from .services.visibility import get_public_plan


def overview(request):
    data = pages.overview()
    context = {"data": data}
    if data.tree is not None:
        context["axis_chart"] = figures.axis_progress_chart(data.tree)
        context["institution_chart"] = figures.institution_progress_chart(data.institutions)
    return render(request, "portal/overview.html", context)


def plan_detail(request, plan):
    plan = get_public_plan(plan)
    tree, axes = pages.plan_sections(plan)
    context = {"plan": plan, "tree": tree, "axes": axes, "axis_chart": figures.axis_progress_chart(tree)}
    return render(request, "portal/plan.html", context)


def institution_detail(request, pk):
    institution = get_object_or_404(pages.public_institutions(), pk=pk)
    return render(
        request, "portal/institution.html", {"institution": institution, "plans": pages.institution_plans(institution)}
    )


def open_data(request):
    return render(request, "portal/open_data.html", {"resources": opendata.RESOURCES})


def dictionary(request):
    return render(request, "portal/dictionary.html", {"resources": opendata.RESOURCES})


def _file(content: bytes, content_type: str, name: str, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


def download(request, name, fmt):
    resource = opendata.BY_NAME.get(name)
    if resource is None or fmt not in opendata.FORMATS:
        raise Http404("no such resource")
    return _file(opendata.render(resource, fmt), opendata.FORMATS[fmt], f"{name}.{fmt}")


def datapackage(request):
    return _file(opendata.datapackage_json(), "application/json", "datapackage.json", attachment=False)


def data_zip(request):
    return _file(opendata.zip_bytes(), "application/zip", opendata.ZIP_NAME)
