"""The sample organisations live once, in examples/ (read by assessments.samples), and the demo uses them."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from assessments import samples
from assessments.models import Organisation

pytestmark = pytest.mark.django_db


def test_the_demo_organisations_are_the_examples_with_their_answers():
    call_command("seed_demo", throwaway_database=True, verbosity=0)
    for sample in (samples.HARBOUR, samples.NORTHWIND, samples.MERIDIAN):
        organisation = Organisation.objects.get(name=sample["organisation"]["name"])
        latest = organisation.assessments.completed().order_by("-completed_at").first()
        assert latest.answers == sample["answers"]
        assert organisation.headcount == sample["answers"]["employees"]
