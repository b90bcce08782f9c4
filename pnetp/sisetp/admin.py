"""Admin for the SISETP. Identities are deliberately absent: no admin page, inline or search reaches
``PersonIdentity``; they are read only through ``services.identity.read_identity``.
"""

from django.contrib import admin

from pnetp.core.admin import ReadOnlyAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .ingestion.provenance import ProvenanceHistoryMixin
from .models import (
    Case,
    CasePerson,
    DataSharingAgreement,
    DataSource,
    Event,
    IdentityAccessGrant,
    IdentityAccessLog,
    StandardVersion,
    VocabularyTerm,
)


@admin.register(StandardVersion)
class StandardVersionAdmin(admin.ModelAdmin):
    list_display = ("version", "title", "published_on")


@admin.register(DataSource)
class DataSourceAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "institution", "coverage", "active")
    list_filter = ("coverage", "active", "strict_identifiers")
    search_fields = ("name", "slug", "system", "institution__acronym")
    prepopulated_fields = {"slug": ("name",)}
    # Searched, never a <select> of 5,570 municipalities.
    autocomplete_fields = ("institution", "federative_unit", "municipality")


@admin.register(DataSharingAgreement)
class DataSharingAgreementAdmin(SimpleHistoryAdmin):
    list_display = ("title", "legal_basis", "valid_from", "valid_until", "document_reference")
    list_filter = ("legal_basis",)
    search_fields = ("title", "document_reference")
    filter_horizontal = ("parties", "sources")


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ("kind", "sequence", "date", "date_precision", "municipality", "federative_unit", "country")
    raw_id_fields = ("municipality",)


@admin.register(Case)
class CaseAdmin(ProvenanceHistoryMixin, SimpleHistoryAdmin):
    list_display = ("__str__", "reporting_date", "trafficking_status", "decision_authority")
    list_filter = ("trafficking_status", "source")
    search_fields = ("source_record_id",)
    inlines = [EventInline]


@admin.register(CasePerson)
class CasePersonAdmin(ProvenanceHistoryMixin, SimpleHistoryAdmin):
    """Pseudonymous data only; there is no link to the identity."""

    list_display = ("pseudonym", "case", "role", "sex", "age_band")
    list_filter = ("role",)
    search_fields = ("pseudonym", "case__source_record_id")
    readonly_fields = ("pseudonym", "age_band")
    raw_id_fields = ("case",)
    filter_horizontal = (
        "perpetrator_roles",
        "citizenships",
        "exploitation_forms",
        "labour_sectors",
        "sexual_exploitation_types",
        "means_of_control",
        "recruitment_methods",
        "recruitment_platforms",
        "exploitation_platforms",
        "services_received",
        "referrals",
    )


@admin.register(IdentityAccessGrant)
class IdentityAccessGrantAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """Read-only: grants are requested and approved by two people on the grants pages (services.grants),
    which log every step; the admin must not be a way around that."""

    list_display = (
        "user",
        "source",
        "institution",
        "status",
        "requested_by",
        "granted_by",
        "valid_until",
        "revoked_at",
    )
    list_filter = ("status", "revoked_at")
    raw_id_fields = ("user",)


@admin.register(IdentityAccessLog)
class IdentityAccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the log is append-only and written by the identity service."""

    list_display = ("at", "username", "action", "person_pseudonym", "batch", "count", "granted", "reason")
    list_filter = ("granted", "action")
    search_fields = ("username", "person_pseudonym")
    date_hierarchy = "at"


@admin.register(VocabularyTerm)
class VocabularyTermAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Mirror of the standard's vocabularies: edit the standard, not these rows."""

    list_display = ("vocabulary", "code", "label", "active")
    list_filter = ("vocabulary", "active")
    search_fields = ("code", "label")
