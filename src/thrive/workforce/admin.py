"""The admin: where an HR admin corrects a record.

Worker pickers search by pseudonym, name or Social Work England number.
"""

from __future__ import annotations

from django.contrib import admin

from thrive.workforce import models


class SpellInline(admin.TabularInline):
    model = models.EmploymentSpell
    extra = 0
    fields = (
        "start_date",
        "end_date",
        "team",
        "post",
        "grade",
        "org_role",
        "contract_type",
        "fte",
        "start_origin",
        "reason_leave",
        "leaver_destination",
    )
    autocomplete_fields = ("team", "post")
    show_change_link = True


@admin.register(models.Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "la_number", "region", "is_demo")
    search_fields = ("name", "la_number")


@admin.register(models.Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "authority")
    list_filter = ("authority",)
    search_fields = ("name",)


@admin.register(models.Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "service", "kind", "opened", "closed")
    list_filter = ("service", "kind")
    search_fields = ("name", "service__name")


@admin.register(models.TeamManagerAssignment)
class TeamManagerAssignmentAdmin(admin.ModelAdmin):
    list_display = ("team", "manager", "start_date", "end_date")
    list_filter = ("team__service",)
    autocomplete_fields = ("team", "manager")


@admin.register(models.Worker)
class WorkerAdmin(admin.ModelAdmin):
    list_display = ("pseudonym", "name", "swe_number", "route", "sex", "ethnicity")
    list_filter = ("route", "sex", "qualification_level")
    search_fields = ("pseudonym", "name", "swe_number")
    inlines = [SpellInline]


@admin.register(models.EmploymentSpell)
class EmploymentSpellAdmin(admin.ModelAdmin):
    list_display = (
        "worker",
        "team",
        "grade",
        "contract_type",
        "fte",
        "start_date",
        "end_date",
        "reason_leave",
    )
    list_filter = ("contract_type", "grade", "org_role", "team__service", "reason_leave")
    search_fields = ("worker__pseudonym", "worker__name", "worker__swe_number")
    autocomplete_fields = ("worker", "team", "post")
    date_hierarchy = "start_date"


@admin.register(models.EstablishmentPost)
class EstablishmentPostAdmin(admin.ModelAdmin):
    list_display = ("reference", "team", "grade", "funded_fte", "start_date", "end_date")
    list_filter = ("grade", "team__service")
    search_fields = ("reference", "team__name")
    autocomplete_fields = ("team",)


@admin.register(models.LineManagement)
class LineManagementAdmin(admin.ModelAdmin):
    list_display = ("report", "manager", "start_date", "end_date")
    search_fields = ("report__pseudonym", "report__name", "manager__pseudonym", "manager__name")
    autocomplete_fields = ("manager", "report")


@admin.register(models.CaseloadSnapshot)
class CaseloadSnapshotAdmin(admin.ModelAdmin):
    list_display = ("worker", "date", "cases", "children", "weighted_points")
    search_fields = ("worker__pseudonym", "worker__name")
    autocomplete_fields = ("worker",)
    date_hierarchy = "date"


@admin.register(models.Supervision)
class SupervisionAdmin(admin.ModelAdmin):
    list_display = ("worker", "date", "kind", "supervisor")
    list_filter = ("kind",)
    search_fields = ("worker__pseudonym", "worker__name")
    autocomplete_fields = ("worker", "supervisor")
    date_hierarchy = "date"


@admin.register(models.Appraisal)
class AppraisalAdmin(admin.ModelAdmin):
    list_display = ("worker", "cycle", "due_date", "completed_date")
    list_filter = ("cycle",)
    search_fields = ("worker__pseudonym", "worker__name")
    autocomplete_fields = ("worker",)


@admin.register(models.AbsenceEpisode)
class AbsenceEpisodeAdmin(admin.ModelAdmin):
    list_display = ("worker", "start_date", "end_date", "reason", "working_days_lost")
    list_filter = ("reason",)
    search_fields = ("worker__pseudonym", "worker__name")
    autocomplete_fields = ("worker",)


@admin.register(models.AsyeProgramme)
class AsyeProgrammeAdmin(admin.ModelAdmin):
    list_display = ("worker", "cohort", "start_date", "outcome", "outcome_date")
    list_filter = ("cohort", "outcome")
    search_fields = ("worker__pseudonym", "worker__name")
    autocomplete_fields = ("worker",)


@admin.register(models.SchemeMembership)
class SchemeMembershipAdmin(admin.ModelAdmin):
    list_display = ("worker", "scheme", "start_date", "end_date")
    list_filter = ("scheme",)
    search_fields = ("worker__pseudonym", "worker__name")
    autocomplete_fields = ("worker",)


@admin.register(models.UserAccess)
class UserAccessAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "authority", "service", "team")
    list_filter = ("role",)
    autocomplete_fields = ("service", "team", "worker")


@admin.register(models.MeasureTarget)
class MeasureTargetAdmin(admin.ModelAdmin):
    list_display = ("measure", "group", "target", "amber_within", "authority", "note")
    list_filter = ("authority", "measure")
    search_fields = ("measure", "group", "note")
