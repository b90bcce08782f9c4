from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaItem,
    Agreement,
    Attendance,
    Channel,
    Committee,
    Decision,
    Event,
    Material,
    Meeting,
    Seat,
    Specialist,
    Training,
    Unit,
    UnitMember,
)


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


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "audience", "mode", "uf", "start_date", "participants")
    list_filter = ("audience", "mode", "digital_module")
    filter_horizontal = ("activities",)


@admin.register(Specialist)
class SpecialistAdmin(SimpleHistoryAdmin):
    list_display = ("name", "themes", "uf", "public_consent")
    list_filter = ("public_consent",)


@admin.register(Material)
class MaterialAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "institution", "published_on")
    list_filter = ("kind",)
    filter_horizontal = ("activities",)


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "parties", "multilateral", "status", "non_criminalisation")
    list_filter = ("status", "multilateral")
    filter_horizontal = ("activities",)


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("name", "starts_on", "location")
    filter_horizontal = ("activities",)
