from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "kind", "created", "read_at", "emailed_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient",)
    search_fields = ("title",)


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "delivery")
    raw_id_fields = ("user",)
