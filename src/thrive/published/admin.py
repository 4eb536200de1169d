"""The admin for published statistics: browse the Department's figures and their markers."""

from __future__ import annotations

from django.contrib import admin

from thrive.published.models import PublishedFigure


@admin.register(PublishedFigure)
class PublishedFigureAdmin(admin.ModelAdmin):
    list_display = ("year", "level", "area_name", "measure", "value", "marker")
    list_filter = ("year", "level", "measure")
    search_fields = ("area_name", "la_number", "area_code")
