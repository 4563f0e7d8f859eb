from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.simple_tag
def sso_providers() -> list[dict[str, str]]:
    """Each configured identity provider's name and the URL its sign-in starts at (a POST)."""
    configured = settings.SOCIALACCOUNT_PROVIDERS
    found = [
        {
            "name": app["name"],
            "url": reverse("openid_connect_login", kwargs={"provider_id": app["provider_id"]}),
        }
        for app in configured.get("openid_connect", {}).get("APPS", [])
    ]
    found += [
        {"name": app["name"], "url": reverse("saml_login", kwargs={"organization_slug": app["client_id"]})}
        for app in configured.get("saml", {}).get("APPS", [])
    ]
    return found


@register.simple_tag
def local_passwords() -> bool:
    return bool(settings.LOCAL_PASSWORDS)
