from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgendaItem, Attendance, Channel, Committee, Decision, Meeting, Seat, Unit, UnitMember


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "institution", "municipality", "country", "last_verified", "active")
    list_filter = ("kind", "active")
    list_select_related = ("institution", "municipality", "country")
    search_fields = ("code", "name")
    raw_id_fields = ("municipality",)


@admin.register(UnitMember)
class UnitMemberAdmin(SimpleHistoryAdmin):
    list_display = ("user", "unit", "active", "since")
    raw_id_fields = ("user", "unit")


@admin.register(Channel)
class ChannelAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "contact", "scope", "libras", "order", "active")
    list_filter = ("kind", "scope", "active")
    filter_horizontal = ("countries",)


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "uf", "secretariat", "active")
    list_filter = ("kind", "active")
    prepopulated_fields = {"slug": ("acronym",)}
    raw_id_fields = ("municipality",)
    inlines = [SeatInline]


@admin.register(Seat)
class SeatAdmin(SimpleHistoryAdmin):
    list_display = ("committee", "segment", "role", "institution", "person_name", "position", "term_end", "end_date")
    list_filter = ("committee", "segment", "role")


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    filter_horizontal = ("activities",)


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ("seat",)


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "starts_at", "held", "minutes_status")
    list_filter = ("committee", "kind", "held", "minutes_status")
    inlines = [AgendaInline, AttendanceInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "meeting", "responsible", "deadline", "status")
    list_filter = ("status",)
    filter_horizontal = ("activities",)
