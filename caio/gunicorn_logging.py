"""gunicorn's logger with tokens redacted: `gunicorn --logger-class caio.gunicorn_logging.TokenRedactingLogger`.

The access log writes every request line and Referer; for a share, invitation or password-reset link those
hold the link's secret. The error log names the URL of a request that failed.
"""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from caio.logs import RedactTokens


class TokenRedactingLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)  # runs again when gunicorn reloads its configuration
        for log in (self.access_log, self.error_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())
