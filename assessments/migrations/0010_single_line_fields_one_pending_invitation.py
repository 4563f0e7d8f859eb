import django.db.models.functions.text
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import assessments.validators


def withdraw_duplicate_invitations(apps, schema_editor):
    # Keep the newest pending invitation per address and organisation; the older links stop working.
    Invitation = apps.get_model("assessments", "Invitation")
    seen = set()
    pending = Invitation.objects.filter(accepted_at=None, revoked_at=None).order_by("-created_at", "-pk")
    for pk, organisation_id, email in pending.values_list("pk", "organisation_id", "email"):
        if (organisation_id, email.lower()) in seen:
            Invitation.objects.filter(pk=pk).update(revoked_at=django.utils.timezone.now())
        seen.add((organisation_id, email.lower()))


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0009_one_draft_per_organisation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(withdraw_duplicate_invitations, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="name",
            field=models.CharField(max_length=200, validators=[assessments.validators.single_line]),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="region",
            field=models.CharField(
                blank=True, max_length=100, validators=[assessments.validators.single_line]
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="sector",
            field=models.CharField(
                blank=True, max_length=100, validators=[assessments.validators.single_line]
            ),
        ),
        migrations.AlterField(
            model_name="rating",
            name="label",
            field=models.CharField(
                help_text="The rater's role on the panel, e.g. CEO or Head of Legal.",
                max_length=60,
                validators=[assessments.validators.single_line],
            ),
        ),
        migrations.AddConstraint(
            model_name="invitation",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                models.F("organisation"),
                condition=models.Q(("accepted_at__isnull", True), ("revoked_at__isnull", True)),
                name="one_pending_invitation_per_address",
            ),
        ),
    ]
