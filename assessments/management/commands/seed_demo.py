"""Seed the demo account: three organisations covering the three recommendations. Safe to run twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from assessments import samples
from assessments.models import Assessment, Membership, Organisation, Rating, Role
from assessments.services import complete_assessment, create_organisation
from assessments.team.services import request_rating

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-advisor-2026"

# Northwind's history: a year ago, half a year ago, and its current answers (the example's) 20 days ago.
NORTHWIND_HISTORY = (*samples.NORTHWIND_EARLIER, (20, samples.NORTHWIND["answers"]))


class Command(BaseCommand):
    help = "Create the demo account and its organisations (idempotent). Development only (DEBUG on)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--throwaway-database",
            action="store_true",
            help="Run with DEBUG off too: for a test or benchmark database nobody signs in to, never a real site.",
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        # The demo accounts' password is published in the README: on a real site they would be open doors.
        if not settings.DEBUG and not options["throwaway_database"]:
            raise CommandError(
                "seed_demo creates accounts whose password is published: it runs only with DEBUG on."
            )
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "demo@example.com"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if Organisation.objects.for_user(user).exists():
            self.stdout.write("Demo data already present.")
            return
        now = timezone.now()
        harbour = self._organisation(
            user, samples.HARBOUR, notes="Uses AI for internal forecasting; no AI in the client product yet."
        )
        self._completed(harbour, user, samples.HARBOUR["answers"], now - timedelta(days=7))
        northwind = self._organisation(
            user, samples.NORTHWIND, region="European Union",
            notes="Route optimisation moved from an internal tool into the customer product this year.",
        )  # fmt: skip
        for days_ago, answers in NORTHWIND_HISTORY:
            self._completed(northwind, user, answers, now - timedelta(days=days_ago))
        draft = Assessment.objects.create(
            organisation=northwind, created_by=user, step="product",
            answers={k: NORTHWIND_HISTORY[-1][1][k] for k in ("employees", "annual_ai_spend_usd", "ai_headcount")}
            | {"ai_use_cases": 5},
        )  # fmt: skip
        Assessment.objects.filter(pk=draft.pk).update(created_at=now - timedelta(days=1))
        self._panel(northwind, draft, user)
        meridian = self._organisation(
            user,
            samples.MERIDIAN,
            notes="Credit and fraud models run through every product; regulated as such.",
        )
        self._completed(meridian, user, samples.MERIDIAN["answers"], now - timedelta(days=3))
        self.stdout.write(self.style.SUCCESS("Demo account and data created."))

    def _panel(self, organisation: Organisation, draft: Assessment, owner: Any) -> None:
        """Two colleagues on the draft's panel who disagree on whether the CTO is stretched."""
        latest = NORTHWIND_HISTORY[-1][1]
        for username, role, label, stretched in (
            ("cora", Role.VIEWER, "CEO", False),
            ("carl", Role.EDITOR, "CTO", True),
        ):
            colleague, created = get_user_model().objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.com"}
            )
            if created:
                colleague.set_password(DEMO_PASSWORD)
                colleague.save()
            Membership.objects.create(organisation=organisation, user=colleague, role=role)
            rating = request_rating(assessment=draft, rater=colleague, label=label, user=owner)
            Rating.objects.filter(pk=rating.pk).update(
                answers={**latest, "cto_stretched": stretched}, status=Rating.Status.SUBMITTED,
                submitted_at=timezone.now(), step="review",
            )  # fmt: skip

    def _organisation(self, user: Any, sample: dict[str, Any], **profile: str) -> Organisation:
        """The sample's organisation, its headcount from its answers."""
        fields = {"sector": "", "region": ""} | sample["organisation"] | profile
        return create_organisation(user=user, headcount=sample["answers"]["employees"], **fields)

    def _completed(self, organisation: Organisation, user: Any, answers: dict[str, Any], when: Any) -> None:
        assessment = Assessment.objects.create(organisation=organisation, created_by=user, answers=answers)
        complete_assessment(assessment=assessment, expected_version=assessment.version)
        Assessment.objects.filter(pk=assessment.pk).update(created_at=when, completed_at=when)
