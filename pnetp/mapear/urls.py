from django.urls import path

from . import views

app_name = "mapear"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("pontos/", views.point_list, name="points"),
    path("pontos/<int:pk>/", views.point_detail, name="point"),
    path("importar/", views.import_points, name="import"),
]
