from django.urls import path
from django.views.generic import TemplateView

app_name = "core"

urlpatterns = [
    path("acessibilidade/", TemplateView.as_view(template_name="core/accessibility.html"), name="accessibility"),
]
