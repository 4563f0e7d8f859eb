"""At a single sign-on: say how the person signed in (for the audit trail), then apply the domain rules."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import user_logged_in
from allauth.socialaccount.signals import pre_social_login
from django.dispatch import receiver

from assessments.sso import services


@receiver(pre_social_login, dispatch_uid="sso-sign-in-method")
def note_method(sender: Any, request: Any, sociallogin: Any, **kwargs: Any) -> None:
    provider = sociallogin.account.get_provider()
    request.audit_sign_in_method = f"single sign-on: {provider.name} ({sociallogin.account.provider})"


@receiver(user_logged_in, dispatch_uid="sso-domain-rules")
def join_by_domain(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if kwargs.get("sociallogin") is not None:
        services.apply_domain_rules(user=user)
