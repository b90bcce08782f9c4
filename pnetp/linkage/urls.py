from django.urls import path

from . import views

app_name = "linkage"

urlpatterns = [
    path("pessoas/revisao/", views.queue, name="review"),
    path("pessoas/revisao/<int:pk>/", views.pair_page, name="pair"),
    path("pessoas/revisao/<int:pk>/decidir/", views.decide_pair, name="decide"),
    path("pessoas/ligacoes/", views.runs, name="runs"),
    path("pessoas/ligacoes/<int:pk>/", views.run_page, name="run"),
    path("pessoas/pessoas-unicas.csv", views.export_map, name="export"),
]
