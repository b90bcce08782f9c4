from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from pnetp.core.text import fold

from .models import Institution


@admin.register(Institution)
class InstitutionAdmin(SimpleHistoryAdmin):
    list_display = ("acronym", "name", "kind", "uf", "parent", "active")
    list_filter = ("kind", "uf", "active")
    list_select_related = ("parent",)
    search_fields = ("acronym", "name")
    autocomplete_fields = ("parent",)
    history_list_display = ("name", "kind", "uf", "parent", "active")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_search_results(self, request, queryset, search_term):
        # Also match without accents ("seguranca" finds "Segurança"), as the public list does.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results |= queryset.filter(search_text__contains=fold(search_term))
        return results, may_have_duplicates
