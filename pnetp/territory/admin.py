from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .keys import place_key
from .models import Country, FederativeUnit, Municipality, Population, VulnerabilityWeights
from .services import sync_capital_flags


class CodeReadOnlyOnChange:
    """An IBGE or ISO code is the row's identity: it is typed once, when the row is created."""

    code_field = ""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly + (self.code_field,) if obj else readonly


@admin.register(FederativeUnit)
class FederativeUnitAdmin(CodeReadOnlyOnChange, admin.ModelAdmin):
    code_field = "ibge_code"
    list_display = ("abbreviation", "name", "region", "capital", "ibge_code")
    list_filter = ("region",)
    list_select_related = ("capital__uf",)
    search_fields = ("abbreviation", "name")
    autocomplete_fields = ("capital",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_capital_flags()


@admin.register(Municipality)
class MunicipalityAdmin(CodeReadOnlyOnChange, admin.ModelAdmin):
    code_field = "ibge_code"
    list_display = ("name", "uf", "ibge_code", "latitude", "longitude", "is_capital", "has_boundary")
    list_filter = ("uf__region", "uf", "is_capital")
    list_select_related = ("uf",)
    search_fields = ("name", "=ibge_code")
    readonly_fields = ("is_capital",)
    fields = ("ibge_code", "name", "uf", "latitude", "longitude", "is_capital", "note", "boundary")

    @admin.display(boolean=True, description=_("contorno"))
    def has_boundary(self, obj) -> bool:
        return bool(obj.boundary)

    def get_queryset(self, request):
        # The list never shows the outlines: do not read ~3 MB of GeoJSON per page.
        return super().get_queryset(request).defer("boundary")

    def get_search_results(self, request, queryset, search_term):
        # Also without accents ("sao paulo" finds "São Paulo"), like the public lookup.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            results |= queryset.filter(search_key__contains=place_key(search_term))
        return results, may_have_duplicates


@admin.register(Country)
class CountryAdmin(CodeReadOnlyOnChange, admin.ModelAdmin):
    code_field = "alpha2"
    list_display = ("name", "alpha2", "alpha3", "numeric", "official_name")
    search_fields = ("name", "official_name", "aliases", "=alpha2", "=alpha3")


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "population", "source")
    list_filter = ("year", "municipality__uf")
    list_select_related = ("municipality__uf",)
    search_fields = ("municipality__name", "=municipality__ibge_code")
    autocomplete_fields = ("municipality",)


@admin.register(VulnerabilityWeights)
class VulnerabilityWeightsAdmin(admin.ModelAdmin):
    """Read-only here: a new version is made on the coordination's page, which records who and why."""

    list_display = (
        "created_at",
        "victims",
        "victim_rate",
        "recruitment",
        "mapear_points",
        "normalisation",
        "reason",
        "created_by",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
