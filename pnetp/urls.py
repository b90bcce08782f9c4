from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("conta/", include("pnetp.accounts.urls")),
    path("conta/", include("pnetp.workspace.urls")),
    path("instituicoes/", include("pnetp.institutions.urls")),
    path("api/", include("pnetp.api.urls")),
    path("monitoramento/", include("pnetp.monitoring.web.urls")),
    path("painel/", include("pnetp.monitoring.dashboards.urls")),
    path("transparencia/", include("pnetp.portal.urls")),
    path("territorio/", include("pnetp.territory.urls")),
    path("sisetp/", include("pnetp.sisetp.urls")),
    path("sisetp/", include("pnetp.linkage.urls")),  # unique persons keep their SISETP addresses
    path("sisetp/", include("pnetp.statistics.urls")),  # the public statistics keep their SISETP addresses
    path("mapear/", include("pnetp.mapear.urls")),
    path("notificacoes/", include("pnetp.notifications.urls")),
    path("rede/", include("pnetp.network.urls")),
    path("atendimento/", include("pnetp.referrals.urls")),
    path("", include("pnetp.plans.urls")),
    path("", include("pnetp.core.urls")),
]

# Error pages in the gov.br layout (pnetp.core.errors); 429 comes from accounts.lockout (templates 429.html).
handler403 = "pnetp.core.errors.permission_denied"
handler404 = "pnetp.core.errors.page_not_found"
handler500 = "pnetp.core.errors.server_error"
