"""URLconf for the error-page tests: the real routes and handlers plus views that fail or refuse."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from pnetp.urls import handler403, handler404, handler500  # noqa: F401  (Django reads them from this module)
from pnetp.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("falha proposital")


def refuse(request):
    raise PermissionDenied


def refuse_with_reason(request):
    raise PermissionDenied("Somente a coordenação nacional pode fazer isto.")


urlpatterns = [
    path("boom/", boom),
    path("recusa/", refuse),
    path("recusa-com-motivo/", refuse_with_reason),
    *site_urlpatterns,
]
