from django.db import migrations, models


def count_stored_tests(apps, schema_editor):
    """Results stored by method 2026.11 list their criteria with a met flag; count them once."""
    Assessment = apps.get_model("assessments", "Assessment")
    for assessment in Assessment.objects.exclude(result=None).only("pk", "result").iterator():
        criteria = (assessment.result or {}).get("criteria") or []
        signals = sum(1 for c in criteria if c.get("signal") == "caio" and c.get("met"))
        conditions = sum(1 for c in criteria if c.get("signal") == "cto" and c.get("met"))
        Assessment.objects.filter(pk=assessment.pk).update(caio_signals=signals, absorb_conditions=conditions)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0007_history_indexes")]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="caio_signals",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="assessment",
            name="absorb_conditions",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="assessment",
            name="need_confidence",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.RunPython(count_stored_tests, migrations.RunPython.noop),
    ]
