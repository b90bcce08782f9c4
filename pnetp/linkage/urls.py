from django.urls import path

from . import views

urlpatterns = [
    path("pessoas/revisao/", views.queue, name="linkage-review"),
    path("pessoas/revisao/<int:pk>/", views.pair_page, name="linkage-pair"),
    path("pessoas/revisao/<int:pk>/decidir/", views.decide_pair, name="linkage-decide"),
    path("pessoas/ligacoes/", views.runs, name="linkage-runs"),
    path("pessoas/ligacoes/<int:pk>/", views.run_page, name="linkage-run"),
    path("pessoas/pessoas-unicas.csv", views.export_map, name="linkage-export"),
]
