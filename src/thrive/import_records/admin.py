"""The admin for imports: the batches (read only), the rows kept in quarantine, census extras."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from thrive.import_records.models import (
    CensusAuthorityReturn,
    CensusWorkerDetail,
    ImportBatch,
    QuarantinedRow,
)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "kind",
        "file_name",
        "imported_by",
        "imported_at",
        "added",
        "updated",
        "unchanged",
        "rejected",
        "warnings",
        "status",
    )
    list_filter = ("kind", "status")
    search_fields = ("file_name", "sha256", "imported_by")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(QuarantinedRow)
class QuarantinedRowAdmin(admin.ModelAdmin):
    list_display = ("batch", "location")
    list_filter = ("batch__kind",)
    readonly_fields = ("batch", "location", "values", "errors")


admin.site.register(CensusAuthorityReturn)
admin.site.register(CensusWorkerDetail)
