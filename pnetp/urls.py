from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("conta/", include("pnetp.accounts.urls")),
    path("instituicoes/", include("pnetp.institutions.urls")),
    path("api/", include("pnetp.api.urls")),
    path("monitoramento/", include("pnetp.monitoring.web.urls")),
    path("painel/", include("pnetp.monitoring.dashboards.urls")),
    path("transparencia/", include("pnetp.portal.urls")),
    path("territorio/", include("pnetp.territory.urls")),
    path("sisetp/", include("pnetp.sisetp.urls")),
    path("mapear/", include("pnetp.mapear.urls")),
    path("atendimento/", include("pnetp.referrals.urls")),
    path("", include("pnetp.plans.urls")),
    path("", include("pnetp.core.urls")),
]
