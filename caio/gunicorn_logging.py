"""gunicorn's logger with tokens redacted: `gunicorn --logger-class caio.gunicorn_logging.TokenRedactingLogger`.

The access log writes every request line and Referer; for a share, invitation or password-reset link those
hold the link's secret. The error log names the URL of a request that failed.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from gunicorn.glogging import Logger

from caio.logs import RedactTokens


class TokenRedactingLogger(Logger):
    """Also writes the client's address (assessments.security.client_address) where the access log says %(h)s: behind
    the TLS proxy, gunicorn's own would be the proxy's for every request."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        # The function axes is told to use, by the same dotted path: caio does not import the app. It reads a
        # request's META, whose address keys a WSGI environ shares.
        client_address = import_string(settings.AXES_CLIENT_IP_CALLABLE)
        atoms["h"] = client_address(SimpleNamespace(META=environ)) or "-"
        return atoms

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)  # runs again when gunicorn reloads its configuration
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())
