from django.urls import path

from . import views

app_name = "institutions"

urlpatterns = [
    path("", views.InstitutionListView.as_view(), name="list"),
    path("nova/", views.InstitutionCreateView.as_view(), name="create"),
    path("importar/", views.import_institutions, name="import"),
    path("<int:pk>/", views.InstitutionDetailView.as_view(), name="detail"),
    path("<int:pk>/editar/", views.InstitutionUpdateView.as_view(), name="update"),
]
