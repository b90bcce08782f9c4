from django.urls import include, path

from . import flow_views, map_views, views

app_name = "statistics"

urlpatterns = [
    path("estatisticas/", views.statistics_page, name="statistics"),
    path("estatisticas/fluxos/", flow_views.flows_page, name="statistics-flows"),
    path("estatisticas/fluxos/<int:year>.<str:fmt>", flow_views.flows_report, name="statistics-flows-report"),
    path("estatisticas/mapa/", map_views.map_page, name="statistics-map"),
    path("estatisticas/", include("pnetp.statistics.detail_urls")),  # municipalities, index, forms
    path("estatisticas/datapackage.json", views.datapackage_json, name="statistics-datapackage"),
    path("estatisticas/<slug:code>.<str:fmt>", views.download, name="statistics-download"),
]
