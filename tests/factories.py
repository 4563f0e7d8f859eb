from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from assessments import samples
from assessments.models import Assessment, Membership, Organisation, Role
from assessments.report import services as reports
from assessments.services import apply_result, score_answers

PASSWORD = "correct-horse-battery-staple"

NORTHWIND_ANSWERS: dict[str, Any] = dict(samples.NORTHWIND["answers"])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    # An established account (new accounts send invitations under a smaller limit); tests of new ones say so.
    date_joined = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))

    @factory.post_generation
    def _save(obj, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    """An organisation whose `owner` (a factory argument, not a field) gets the owner membership."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    class Params:
        owner = factory.SubFactory(UserFactory)

    created_by = factory.SelfAttribute("owner")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    sector = "Logistics"
    headcount = 1200
    region = "European Union"

    @factory.post_generation
    def _owner_membership(obj, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and obj.created_by is not None:
            Membership.objects.create(organisation=obj, user=obj.created_by, role=Role.OWNER)


def member(organisation: Organisation, user: Any, role: str) -> Membership:
    return Membership.objects.create(organisation=organisation, user=user, role=role)


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A draft; use `completed_assessment()` for one with a stored result."""

    class Meta:
        model = Assessment

    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.LazyAttribute(lambda a: a.organisation.created_by)
    answers = factory.LazyFunction(dict)


def completed_assessment(answers: dict[str, Any] | None = None, **kwargs: Any) -> Assessment:
    """Scored by the app's own scorer and stored as completing a draft stores it.

    Not made from a draft, because the organisation may already have its one open draft.
    """
    organisation = kwargs.pop("organisation", None) or OrganisationFactory()
    assessment = Assessment(organisation=organisation, created_by=organisation.created_by, **kwargs)
    apply_result(assessment, score_answers(dict(answers or NORTHWIND_ANSWERS)))
    assessment.save()
    reports.refresh_reports(assessment=assessment)  # as completing does: the report is asked for at once
    return assessment
