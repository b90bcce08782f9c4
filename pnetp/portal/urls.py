from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.overview, name="index"),
    path("plano/<slug:plan>/", views.plan_detail, name="plan"),
    path("instituicao/<int:pk>/", views.institution_detail, name="institution"),
    path("dados/", views.open_data, name="data"),
    path("dados/dicionario/", views.dictionary, name="dictionary"),
    path("dados/datapackage.json", views.datapackage, name="datapackage"),
    path("dados/pnetp-dados-abertos.zip", views.data_zip, name="zip"),
    path("dados/<slug:name>.<str:fmt>", views.download, name="download"),
]
