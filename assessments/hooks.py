"""What the features do after a write elsewhere in the app: two lists of callbacks, called by the writer inside
its transaction, in order.

The writers (`assessments.services`, `assessments.charter.services`) import none of the features that react to
their writes (the report, the webhooks), so no import circle runs from them to those features and back: the
features' reactions are put on these lists once, at start-up, by `AssessmentsConfig.connect_hooks()` in `apps.py`.
"""

from __future__ import annotations

from typing import Protocol

from assessments.models import Assessment, Organisation


class ScoredHook(Protocol):
    def __call__(self, *, assessment: Assessment, added: bool) -> None: ...


class OrganisationHook(Protocol):
    def __call__(self, *, organisation: Organisation) -> None: ...


# After an assessment's result is saved: the report prepares its reports again (and, when `added`, prunes the
# old results' stored files), then the webhooks announce it.
SCORED: list[ScoredHook] = []

# After something every report of the organisation prints has changed (its profile, its latest agreed
# charter): the report prepares them again.
ORGANISATION_CHANGED: list[OrganisationHook] = []


def scored(*, assessment: Assessment, added: bool) -> None:
    """`added`: a new completed assessment beside the organisation's others (re-score, scenario, import), rather
    than a draft completed."""
    for hook in SCORED:
        hook(assessment=assessment, added=added)


def organisation_changed(*, organisation: Organisation) -> None:
    for hook in ORGANISATION_CHANGED:
        hook(organisation=organisation)
