"""Public pages of the SISETP standard: the data dictionary and its Data Package descriptor."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .services.dictionary import data_dictionary as build_dictionary
from .standard.datapackage import datapackage


@require_safe
def data_dictionary(request):
    return render(request, "sisetp/dictionary.html", build_dictionary())


@require_safe
def datapackage_json(request):
    return JsonResponse(datapackage(), json_dumps_params={"ensure_ascii": False, "indent": 2})
