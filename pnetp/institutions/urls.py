from django.urls import path
from django.views.generic import DetailView, ListView

from .models import Institution

app_name = "institutions"

urlpatterns = [
    path("", ListView.as_view(model=Institution), name="list"),
    path("<int:pk>/", DetailView.as_view(model=Institution), name="detail"),
]
