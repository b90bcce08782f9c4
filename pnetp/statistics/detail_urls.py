"""Detailed views of the statistics, included under estatisticas/ by urls.py: the municipality map of a UF,
the vulnerability index (activity 3.5.1) and victims by form of exploitation and by citizenship (2.3.2)."""

from django.urls import path

from . import forms_views, municipality_map_views, vulnerability_views

urlpatterns = [
    path("mapa/municipios/", municipality_map_views.municipality_map_index, name="statistics-municipality-maps"),
    path("mapa/municipios/<str:uf>/", municipality_map_views.municipality_map_page, name="statistics-municipality-map"),
    path("vulnerabilidade/", vulnerability_views.vulnerability_list, name="vulnerability"),
    path("vulnerabilidade/metodologia/", vulnerability_views.vulnerability_method, name="vulnerability-method"),
    path("vulnerabilidade/pesos/", vulnerability_views.vulnerability_weights, name="vulnerability-weights"),
    path("formas-de-exploracao/", forms_views.exploitation_forms_page, name="statistics-forms"),
    path("nacionalidades/", forms_views.citizenship_page, name="statistics-citizenship"),
]
