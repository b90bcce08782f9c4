from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("painel/", views.dashboard, name="dashboard"),
]
