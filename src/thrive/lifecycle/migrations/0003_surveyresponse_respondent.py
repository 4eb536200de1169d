"""A survey response's respondent reference (the survey tool's anonymous id), unique per wave,
so a survey export imported twice finds the same responses."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insight", "0002_requisition_team_cascade"),
    ]

    operations = [
        migrations.AddField(
            model_name="surveyresponse",
            name="respondent",
            field=models.CharField(
                blank=True,
                help_text="The survey tool's anonymous id for the response.",
                max_length=40,
            ),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.UniqueConstraint(
                condition=models.Q(("respondent", ""), _negated=True),
                fields=("wave", "respondent"),
                name="response_respondent_unique",
            ),
        ),
    ]
