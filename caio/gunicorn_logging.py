"""gunicorn's logger with tokens redacted: `gunicorn --logger-class caio.gunicorn_logging.TokenRedactingLogger`.

The access log writes every request line and Referer; for a share, invitation or password-reset link those
hold the link's secret. The error log names the URL of a request that failed.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from assessments.client_address import address_from
from caio.logs import RedactTokens


class TokenRedactingLogger(Logger):
    """Also writes the client's address (assessments.client_address) where the access log says %(h)s: behind
    the TLS proxy, gunicorn's own would be the proxy's for every request."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["h"] = address_from(environ) or "-"
        return atoms

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)  # runs again when gunicorn reloads its configuration
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())
