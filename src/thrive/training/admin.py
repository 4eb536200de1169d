from django.contrib import admin

from thrive.training.models import Completion, Course, Induction


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("name", "authority", "mandatory", "renewal_months")
    list_filter = ("authority", "mandatory")


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ("worker", "course", "completed_date")
    list_filter = ("course",)


@admin.register(Induction)
class InductionAdmin(admin.ModelAdmin):
    list_display = ("worker", "start_date", "completed_date")
