"""The one rule for requests this server makes to addresses someone typed (webhooks): public hosts only.

A URL is refused unless it is https and every address its host resolves to is public: no loopback, private,
link-local (cloud metadata at 169.254.169.254), shared, multicast or reserved address, so a webhook cannot
make the server call into its own network. The connection then goes to the address that was checked (not a
second lookup), so a DNS answer that changes in between cannot slip a private address in.
`OUTBOUND_ALLOW_PRIVATE` lifts the address rule and allows http, for development and tests only.

The PDF renderer needs no such rule: its fetcher (assessments.pdf.static_only_fetcher) reads the app's own
static files and `data:` URIs and never opens a connection.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy


class OutboundRefused(Exception):
    """Why a URL may not be called, in words a person can act on (`reason`, translatable)."""

    def __init__(self, reason: Promise | str) -> None:
        self.reason = reason
        super().__init__(str(reason))


def checked_address(url: str) -> tuple[str, int, str]:
    """(host, port, address to connect to) for `url`, or OutboundRefused saying why it may not be called."""
    parts = urlsplit(url)
    allow_private = settings.OUTBOUND_ALLOW_PRIVATE
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        raise OutboundRefused(gettext_lazy("Use an https:// address."))
    if parts.username or parts.password:
        raise OutboundRefused(gettext_lazy("Leave the user name and password out of the address."))
    host = parts.hostname
    if not host:
        raise OutboundRefused(gettext_lazy("Enter a full address, with its host name."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (ValueError, OSError, UnicodeError):
        raise OutboundRefused(gettext_lazy("This host name could not be found.")) from None
    addresses = [str(info[4][0]) for info in found]
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            mapped = getattr(ip, "ipv4_mapped", None)
            if not (mapped or ip).is_global:
                raise OutboundRefused(
                    gettext_lazy(
                        "This address is in a private or local network, which this server does not call."
                    )
                )
    return host, port, addresses[0]


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> int:
    """POST `body` to `url` (after checked_address) and return the response status; no redirect is followed."""
    host, port, address = checked_address(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = _connection(parts.scheme, host, port, address, timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # the answer is not used; reading a little lets the connection close cleanly
        return response.status
    finally:
        connection.close()


def _connection(
    scheme: str, host: str, port: int, address: str, timeout: float
) -> http.client.HTTPConnection:
    """A connection to `host` that dials `address` (the one checked); https still verifies `host`'s certificate."""

    class Pinned(http.client.HTTPConnection):
        def connect(self) -> None:
            self.sock = socket.create_connection((address, port), timeout)

    class PinnedTLS(http.client.HTTPSConnection):
        def connect(self) -> None:
            raw = socket.create_connection((address, port), timeout)
            self.sock = ssl.create_default_context().wrap_socket(raw, server_hostname=host)

    if scheme == "https":
        return PinnedTLS(host, port, timeout=timeout)
    return Pinned(host, port, timeout=timeout)
