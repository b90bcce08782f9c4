from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/abrir/", views.open_notification, name="open"),
    path("marcar-todas-lidas/", views.mark_all_read, name="mark_all_read"),
    path("preferencias/", views.preferences, name="preferences"),
]
