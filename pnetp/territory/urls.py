from django.urls import path, re_path

from . import views

app_name = "territory"

urlpatterns = [
    path("", views.federative_unit_list, name="uf_list"),
    path("municipio/<int:ibge_code>/", views.municipality_detail, name="municipality"),
    re_path(r"^(?P<abbreviation>[A-Za-z]{2})/$", views.federative_unit_detail, name="uf"),
]
