"""The admin page for correcting allocation records."""

from __future__ import annotations

from django.contrib import admin

from thrive.children import models


@admin.register(models.Allocation)
class AllocationAdmin(admin.ModelAdmin):
    list_display = ["child", "worker", "team", "case_type", "start_date", "end_date", "end_reason"]
    list_filter = ["case_type", "end_reason"]
    search_fields = ["child"]
    date_hierarchy = "start_date"
    raw_id_fields = ["worker", "team"]
