"""Admin for the linkage state: runs and review pairs, read only (written by ``linkage.service``). No identity."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pnetp.core.admin import ReadOnlyAdminMixin

from .models import LinkageRun, ReviewPair


class ReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Written by a service only; the admin lets staff look, not change."""


@admin.register(LinkageRun)
class LinkageRunAdmin(ReadOnlyAdmin):
    """Runs are started on the linkage page or by ``pnetp sisetp dedupe``; counts only, no record."""

    list_display = ("pk", "started_at", "finished_at", "status", "user", "records", "persons", "pairs_to_review")
    list_filter = ("status",)
    date_hierarchy = "started_at"
    fields = (
        "status",
        "stage",
        "user",
        "started_at",
        "heartbeat_at",
        "finished_at",
        "records",
        "persons",
        "keys_changed",
        "ids_kept",
        "pairs_to_review",
        "decisions_applied",
        "model_name",
        "threshold",
        "review_low",
        "error",
    )


@admin.register(ReviewPair)
class ReviewPairAdmin(ReadOnlyAdmin):
    """Pseudonymous keys, probability and which features agree; decisions are made on the review page
    (``linkage.service.decide``), identities seen only there through logged grants. The reviewer's note
    is free text and may quote a record, so it stays out of the admin."""

    list_display = ("pk", "left_record", "right_record", "probability", "status", "decided_by", "decided_at", "run")
    list_filter = ("status",)
    list_select_related = ("decided_by", "run")
    search_fields = ("left_record", "right_record")
    fields = (
        "left_record",
        "right_record",
        "left_pseudonym",
        "right_pseudonym",
        "probability",
        "comparison",
        "status",
        "decided_by",
        "decided_at",
        "run",
    )
    readonly_fields = ("left_pseudonym", "right_pseudonym")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("left", "right")

    @admin.display(description=_("pseudônimo da pessoa 1"))
    def left_pseudonym(self, pair):
        return pair.left.pseudonym if pair.left_id else "—"

    @admin.display(description=_("pseudônimo da pessoa 2"))
    def right_pseudonym(self, pair):
        return pair.right.pseudonym if pair.right_id else "—"
