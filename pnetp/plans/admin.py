"""Admin of the plan hierarchy, for corrections by the coordination (plans come from ``pnetp import-plan``).

Only axes are edited inline (under their plan); deeper levels are listed inline as links, because
an inline action or activity would also need its ``plan`` chosen by hand.
"""

from django import forms
from django.contrib import admin
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Activity, Axis, Plan, PriorityAction


class SamePlanForm(forms.ModelForm):
    """The item and its parent (``parent_field``) must belong to the same plan."""

    parent_field = ""

    def clean(self):
        cleaned = super().clean()
        plan, parent = cleaned.get("plan"), cleaned.get(self.parent_field)
        if plan and parent and parent.plan_id != plan.pk:
            self.add_error(self.parent_field, _("Escolha um item do mesmo plano."))
        return cleaned


class PriorityActionForm(SamePlanForm):
    parent_field = "axis"


class ActivityForm(SamePlanForm):
    parent_field = "action"


class ReadOnlyLinkInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AxisInline(admin.TabularInline):
    model = Axis
    fields = ("code", "title", "position")
    extra = 0
    show_change_link = True


class PriorityActionInline(ReadOnlyLinkInline):
    model = PriorityAction
    fields = ("code", "title")


class ActivityInline(ReadOnlyLinkInline):
    model = Activity
    fields = ("code", "description")


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "territory", "period", "status", "updated_at")
    list_filter = ("kind", "status", "start_year")
    search_fields = ("title", "short_title", "slug", "territory")
    prepopulated_fields = {"slug": ("short_title",)}
    readonly_fields = ("source_name", "source_sha256", "created_at", "updated_at")
    autocomplete_fields = ("parent",)
    inlines = [AxisInline]

    @admin.display(description=_("período"))
    def period(self, obj):
        return obj.period


@admin.register(Axis)
class AxisAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "plan")
    list_filter = ("plan",)
    list_select_related = ("plan",)
    search_fields = ("code", "title")
    inlines = [PriorityActionInline]


@admin.register(PriorityAction)
class PriorityActionAdmin(SimpleHistoryAdmin):
    form = PriorityActionForm
    list_display = ("code", "short_title", "axis", "plan")
    list_filter = ("plan", "axis")
    list_select_related = ("plan", "axis")
    search_fields = ("code", "title")
    autocomplete_fields = ("axis",)
    inlines = [ActivityInline]

    @admin.display(description=_("título"), ordering="title")
    def short_title(self, obj):
        return Truncator(obj.title).chars(100)


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    form = ActivityForm
    list_display = ("code", "short_description", "action", "plan")
    list_filter = ("plan", "action__axis")
    list_select_related = ("plan", "action")
    search_fields = ("code", "description", "search_text")
    autocomplete_fields = ("action",)

    @admin.display(description=_("descrição"), ordering="description")
    def short_description(self, obj):
        return Truncator(obj.description).chars(100)
