from django.urls import path
from django.views.generic import TemplateView

from . import health

app_name = "core"

urlpatterns = [
    path("acessibilidade/", TemplateView.as_view(template_name="core/accessibility.html"), name="accessibility"),
    path("saude/", health.health, name="health"),
]
