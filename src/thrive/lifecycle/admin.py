"""The admin pages for correcting lifecycle records."""

from __future__ import annotations

from django.contrib import admin

from thrive.lifecycle import models


@admin.register(models.StayConversation)
class StayConversationAdmin(admin.ModelAdmin):
    list_display = ["worker", "date", "held_by", "prompted_by", "outcome"]
    list_filter = ["outcome", "prompted_by"]
    date_hierarchy = "date"
    raw_id_fields = ["worker", "held_by"]


@admin.register(models.ExitInterview)
class ExitInterviewAdmin(admin.ModelAdmin):
    list_display = ["worker", "date", "method", "primary_reason", "would_return", "would_recommend"]
    list_filter = ["method", "primary_reason", "would_return", "would_recommend"]
    date_hierarchy = "date"
    raw_id_fields = ["worker", "leaving_spell"]


class SurveyAnswerInline(admin.TabularInline):
    model = models.SurveyAnswer
    extra = 0


@admin.register(models.SurveyWave)
class SurveyWaveAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "start_date", "end_date"]
    list_filter = ["kind"]


@admin.register(models.SurveyItem)
class SurveyItemAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "lga_standard"]


@admin.register(models.SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "wave", "team", "grade"]
    list_filter = ["wave"]
    inlines = [SurveyAnswerInline]


class StageEventInline(admin.TabularInline):
    model = models.StageEvent
    extra = 0


@admin.register(models.Requisition)
class RequisitionAdmin(admin.ModelAdmin):
    list_display = ["reference", "team", "grade", "start_date", "end_date", "advert_cost"]
    list_filter = ["grade"]
    search_fields = ["reference"]
    raw_id_fields = ["post"]


@admin.register(models.Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["reference", "requisition", "source", "values_score", "decline_reason"]
    list_filter = ["source", "decline_reason", "young_people_on_panel"]
    search_fields = ["reference", "requisition__reference"]
    raw_id_fields = ["requisition", "hired_worker"]
    inlines = [StageEventInline]


@admin.register(models.Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["reference", "date", "career_stage", "source", "team", "candidate"]
    list_filter = ["career_stage", "source"]
    date_hierarchy = "date"
    search_fields = ["reference", "candidate__reference"]
    raw_id_fields = ["authority", "team", "candidate"]


@admin.register(models.RegistrationRecord)
class RegistrationRecordAdmin(admin.ModelAdmin):
    list_display = ["worker", "registration_year", "event", "date"]
    list_filter = ["event", "registration_year"]
    raw_id_fields = ["worker"]


@admin.register(models.CpdRecord)
class CpdRecordAdmin(admin.ModelAdmin):
    list_display = ["worker", "date", "title"]
    raw_id_fields = ["worker"]
