from django.contrib import admin

from thrive.trainees.models import StudentPlacement, Trainee


@admin.register(StudentPlacement)
class StudentPlacementAdmin(admin.ModelAdmin):
    list_display = ("student", "university", "placement_type", "start_date", "end_date")
    list_filter = ("authority", "placement_type")


@admin.register(Trainee)
class TraineeAdmin(admin.ModelAdmin):
    list_display = ("trainee", "route", "start_date", "expected_qualification", "status")
    list_filter = ("authority", "route", "status")
