"""Admin for the monitoring vocabulary and set-up, until the coordination's own pages exist.

Progress reports are deliberately absent: they change only through services.workflow, which
enforces who may write, submit, return and approve.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Indicator, MonitoringCycle, Responsibility, SentReminder, StatusOption


@admin.register(StatusOption)
class StatusOptionAdmin(SimpleHistoryAdmin):
    list_display = ["label", "slug", "default_percent", "counts_toward_progress", "is_done", "order", "active"]
    list_editable = ["order", "active"]
    prepopulated_fields = {"slug": ["label"]}


@admin.register(MonitoringCycle)
class MonitoringCycleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "plan", "period_start", "period_end", "reporting_deadline", "state"]
    list_filter = ["plan", "state"]
    readonly_fields = ["opened_by", "opened_at", "closed_at"]


@admin.register(Responsibility)
class ResponsibilityAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "start_date", "end_date", "weight"]
    list_filter = ["activity__plan"]
    search_fields = ["activity__code", "activity__search_text"]
    autocomplete_fields = ["activity"]
    filter_horizontal = ["lead_institutions", "partner_institutions"]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "activity", "unit", "target_value", "direction", "frequency"]
    list_filter = ["activity__plan", "frequency"]
    search_fields = ["name", "activity__code"]
    autocomplete_fields = ["activity"]


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    list_display = ["sent_on", "kind", "cycle", "institution", "recipients"]
    list_filter = ["kind", "cycle"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
