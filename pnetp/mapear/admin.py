from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import HighwayPoint, MapearSurvey


@admin.register(MapearSurvey)
class MapearSurveyAdmin(SimpleHistoryAdmin):
    list_display = ("year", "source_note")


@admin.register(HighwayPoint)
class HighwayPointAdmin(SimpleHistoryAdmin):
    list_display = ("point_id", "survey", "highway", "km", "municipality", "risk_grade", "kind")
    list_filter = ("survey", "risk_grade", "kind", "uf")
    list_select_related = ("survey", "municipality__uf")
    search_fields = ("point_id", "highway")
    raw_id_fields = ("municipality",)
