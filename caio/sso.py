"""Single sign-on providers from the environment, as django-allauth's SOCIALACCOUNT_PROVIDERS.

Read by caio/settings.py, so it imports nothing from Django's models or the app. A bad value stops start-up with a
one-line message, like every other setting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _oidc_app(item: Mapping[str, Any], where: str) -> dict[str, Any]:
    missing = [key for key in ("issuer", "client_id", "secret") if not str(item.get(key) or "").strip()]
    if missing:
        raise ImproperlyConfigured(f"{where} lacks {', '.join(missing)}")
    issuer = str(item["issuer"]).strip().rstrip("/")
    if not issuer.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{where}: the issuer must be an http(s) URL, got {issuer!r}")
    provider_id = str(item.get("id") or "oidc").strip()
    if not _ID.match(provider_id):
        raise ImproperlyConfigured(
            f"{where}: id must be lower-case letters, digits and dashes, got {provider_id!r}"
        )
    return {
        "provider_id": provider_id,
        "name": str(item.get("name") or "OpenID Connect").strip(),
        "client_id": str(item["client_id"]).strip(),
        "secret": str(item["secret"]).strip(),
        "settings": {"server_url": issuer},
    }


def oidc_apps(env: Mapping[str, str]) -> list[dict[str, Any]]:
    """OIDC_PROVIDERS (a JSON list of {id, name, issuer, client_id, secret}), or the OIDC_* variables for one."""
    apps: list[dict[str, Any]] = []
    raw = env.get("OIDC_PROVIDERS", "").strip()
    if raw:
        try:
            items = json.loads(raw)
        except ValueError as exc:
            raise ImproperlyConfigured(f"OIDC_PROVIDERS is not JSON: {exc}") from None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise ImproperlyConfigured("OIDC_PROVIDERS must be a JSON list of objects")
        apps = [_oidc_app(item, f"OIDC_PROVIDERS[{number}]") for number, item in enumerate(items)]
    if env.get("OIDC_ISSUER_URL", "").strip():
        single = {
            "id": env.get("OIDC_ID", "oidc"),
            "name": env.get("OIDC_NAME", ""),
            "issuer": env.get("OIDC_ISSUER_URL", ""),
            "client_id": env.get("OIDC_CLIENT_ID", ""),
            "secret": env.get("OIDC_CLIENT_SECRET", ""),
        }
        apps.append(_oidc_app(single, "OIDC_ISSUER_URL"))
    ids = [app["provider_id"] for app in apps]
    if len(ids) != len(set(ids)):
        raise ImproperlyConfigured(f"two OpenID Connect providers share an id: {ids}")
    return apps


# The attributes read from a SAML assertion, with allauth's usual names; an address counts as vouched for (for
# domain rules) only when the provider says so in the email_verified attribute.
SAML_ATTRIBUTES: dict[str, Any] = {
    "uid": ["urn:oasis:names:tc:SAML:attribute:subject-id"],
    "email": [
        "urn:oid:0.9.2342.19200300.100.1.3",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    ],
    "email_verified": ["http://schemas.auth0.com/email_verified"],
    "first_name": ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42"],
    "last_name": ["urn:oid:2.5.4.4"],
    "username": ["http://schemas.auth0.com/nickname"],
}


def saml_apps(env: Mapping[str, str]) -> list[dict[str, Any]]:
    """One SAML 2.0 identity provider from SAML_IDP_METADATA_URL (or SAML_IDP_ENTITY_ID, _SSO_URL, _X509_CERT)."""
    metadata_url = env.get("SAML_IDP_METADATA_URL", "").strip()
    entity_id = env.get("SAML_IDP_ENTITY_ID", "").strip()
    if not metadata_url and not entity_id:
        return []
    slug = env.get("SAML_ID", "saml").strip()
    if not _ID.match(slug):
        raise ImproperlyConfigured(f"SAML_ID must be lower-case letters, digits and dashes, got {slug!r}")
    idp: dict[str, Any] = {"entity_id": entity_id or metadata_url}
    if metadata_url:
        idp["metadata_url"] = metadata_url
    else:
        sso_url, cert = env.get("SAML_IDP_SSO_URL", "").strip(), env.get("SAML_IDP_X509_CERT", "").strip()
        if not sso_url or not cert:
            raise ImproperlyConfigured("SAML_IDP_ENTITY_ID needs SAML_IDP_SSO_URL and SAML_IDP_X509_CERT")
        idp.update({"sso_url": sso_url, "x509cert": cert})
    app_settings: dict[str, Any] = {"idp": idp}
    overrides = {
        key: env[f"SAML_ATTRIBUTE_{key.upper()}"].strip()
        for key in SAML_ATTRIBUTES
        if env.get(f"SAML_ATTRIBUTE_{key.upper()}", "").strip()
    }
    if overrides:  # else allauth's own list of the usual attribute names
        app_settings["attribute_mapping"] = {**SAML_ATTRIBUTES, **overrides}
    if env.get("SAML_SP_ENTITY_ID", "").strip():
        app_settings["sp"] = {"entity_id": env["SAML_SP_ENTITY_ID"].strip()}
    return [
        {
            "provider_id": entity_id or metadata_url,
            "name": env.get("SAML_NAME", "SAML").strip() or "SAML",
            "client_id": slug,
            "settings": app_settings,
        }  # fmt: skip
    ]


def providers(env: Mapping[str, str]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "openid_connect": {"APPS": oidc_apps(env), "OAUTH_PKCE_ENABLED": True},
    }
    saml = saml_apps(env)
    if saml:
        result["saml"] = {"APPS": saml}
    return result
