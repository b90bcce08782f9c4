"""URLconf for the 500 test: the real routes plus a view that fails."""

from django.urls import path

from pnetp.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("falha proposital")


urlpatterns = [path("boom/", boom), *site_urlpatterns]
