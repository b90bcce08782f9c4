from django.urls import path

from . import views

app_name = "sisetp"

urlpatterns = [
    path("dicionario/", views.data_dictionary, name="dictionary"),
    path("dicionario/datapackage.json", views.datapackage_json, name="datapackage"),
]
