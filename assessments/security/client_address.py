"""The one reader of a client's address: django-axes (AXES_CLIENT_IP_CALLABLE), the rate limits and the logs.

Behind TRUSTED_PROXY_COUNT proxies (the README's TLS proxy is one), REMOTE_ADDR is the nearest proxy's address
and each proxy appends the address it was connected from to X-Forwarded-For: the client is the N-th entry from
the right. Entries further left were written by the client and prove nothing. With no trusted proxy the header
is ignored, since anyone can send it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest


def address_from(meta: Mapping[str, Any]) -> str:
    """The client's address from a request's META or a WSGI environ (they share these keys); "" if unknown."""
    remote = str(meta.get("REMOTE_ADDR") or "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()]
        if len(hops) >= proxies:
            try:
                return str(ipaddress.ip_address(hops[-proxies]))
            except ValueError:
                pass  # not an address: a proxy that is not what TRUSTED_PROXY_COUNT says; keep the nearest hop
    return remote


def client_address(request: HttpRequest | None) -> str | None:
    """The client's address, or None when the request has none (as django-axes expects: it stores the value
    in an address column, where "" or "-" would be refused on PostgreSQL)."""
    return (address_from(request.META) or None) if request is not None else None
