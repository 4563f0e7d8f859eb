from django.db import migrations, models


def keep_newest_draft(apps, schema_editor):
    # Duplicates could only come from two simultaneous "Start assessment" clicks (the app otherwise reuses
    # the open draft), so both began from the same pre-filled answers: keep the one edited last.
    Assessment = apps.get_model("assessments", "Assessment")
    seen: set[int] = set()
    drafts = Assessment.objects.filter(status="draft").order_by("organisation_id", "-updated_at", "-pk")
    for pk, organisation_id in drafts.values_list("pk", "organisation_id"):
        if organisation_id in seen:
            Assessment.objects.filter(pk=pk).delete()
        seen.add(organisation_id)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0008_evidence_counts"),
    ]

    operations = [
        migrations.RunPython(keep_newest_draft, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")),
                fields=("organisation",),
                name="one_draft_per_organisation",
            ),
        ),
    ]
