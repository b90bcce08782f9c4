from django.urls import path

from . import views

urlpatterns = [
    path("autorizacoes/", views.grant_list, name="grants"),
    path("autorizacoes/pedir/", views.grant_request, name="grant-request"),
    path("autorizacoes/<int:pk>/", views.grant_page, name="grant"),
    path("autorizacoes/<int:pk>/decidir/", views.grant_decide, name="grant-decide"),
    path("acessos/", views.access_log, name="access-log"),
]
