from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0012_background_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="ratings_due_on",
            field=models.DateField(blank=True, null=True, verbose_name="ratings due on"),
        ),
        migrations.AddField(
            model_name="rating",
            name="last_reminded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
