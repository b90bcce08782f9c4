from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("conta/", include("pnetp.accounts.urls")),
    path("instituicoes/", include("pnetp.institutions.urls")),
    path("", include("pnetp.plans.urls")),
    path("", include("pnetp.core.urls")),
]
