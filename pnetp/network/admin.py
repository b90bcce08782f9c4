from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Channel, Committee, Seat, Unit, UnitMember


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
