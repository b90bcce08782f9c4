from django.urls import path

from . import views

urlpatterns = [
    path("estatisticas/", views.statistics_page, name="statistics"),
    path("estatisticas/<slug:code>.<str:fmt>", views.download, name="statistics-download"),
]
