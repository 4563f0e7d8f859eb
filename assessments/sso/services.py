"""Domain rules: who may set them, and what they do when someone signs in through single sign-on."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop as N_

from assessments.models import Membership, Organisation
from assessments.services import Kind, log_event
from assessments.sso.models import DomainRule
from assessments.team.services import Refused


def verified_domains(user: Any) -> set[str]:
    """The domains of the addresses an identity provider vouched for (never one typed at sign-up)."""
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return {email.rsplit("@", 1)[1].lower() for email in emails if "@" in email}


@transaction.atomic
def add_rule(*, organisation: Organisation, user: Any, domain: str, role: str) -> DomainRule:
    # Only a domain the owner signed in with: an owner must not pull a stranger company's staff in.
    if domain not in verified_domains(user):
        raise Refused(
            N_(
                "You can add a rule only for the domain of an address you signed in with through single sign-on "
                "({domain} is not one of them)."
            ),
            domain=domain,
        )
    Organisation.objects.select_for_update().only("pk").get(pk=organisation.pk)
    try:
        with transaction.atomic():
            return DomainRule.objects.create(
                organisation=organisation, domain=domain, role=role, created_by=user
            )
    except IntegrityError:
        raise Refused(N_("There is already a rule for {domain}."), domain=domain) from None


@transaction.atomic
def apply_domain_rules(*, user: Any) -> list[Membership]:
    """Make `user` a member of each organisation with a rule for one of their verified domains, if not one yet."""
    joined = []
    rules = DomainRule.objects.filter(domain__in=verified_domains(user)).select_related("organisation")
    for rule in rules.exclude(organisation__memberships__user=user):
        membership, created = Membership.objects.get_or_create(
            organisation=rule.organisation, user=user, defaults={"role": rule.role}
        )
        if created:
            log_event(organisation=rule.organisation, user=user, kind=Kind.JOINED, role=rule.role)
            joined.append(membership)
    return joined
