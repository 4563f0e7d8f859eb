"""Secrets out of the logs: share, invitation and password-reset links carry their token in the URL path.

`RedactTokens` is a logging filter: Django's handlers use it (caio.settings.LOGGING), and so does gunicorn's
access and error log through `caio.gunicorn_logging.TokenRedactingLogger`, named in the production command.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[redacted]"
# A path segment that is a secret: /shared/<token>/, /invitations/<token>/, and Django's
# /accounts/reset/<uidb64>/<token>/ (not the set-password step it redirects to, which holds no token). The
# slashes may be percent-encoded once or twice, as they are in a `next=` or a Referer's query string.
_SLASH = r"(?:/|%2F|%252F)"
_SEGMENT = r"[^/?#&%\s\"]+"
_TOKENS = re.compile(
    rf"(?P<prefix>{_SLASH}(?:shared|invitations){_SLASH}|{_SLASH}accounts{_SLASH}reset{_SLASH}{_SEGMENT}{_SLASH})"
    rf"(?!set-password\b){_SEGMENT}",
    re.IGNORECASE,
)
_QUERY_TOKENS = re.compile(
    r"(?P<prefix>(?:[?&]|%3F|%26|%253F|%2526)(?:token|key|code)(?:=|%3D|%253D))[^&#%\s\"]+", re.IGNORECASE
)


def redact_tokens(text: str) -> str:
    """`text` with every token a URL in it carries replaced by [redacted]."""
    text = _TOKENS.sub(rf"\g<prefix>{REDACTED}", text)
    return _QUERY_TOKENS.sub(rf"\g<prefix>{REDACTED}", text)


class RedactTokens(logging.Filter):
    """Rewrites a record whose message (or traceback) holds a token, before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            # Formatted here, once: a handler's formatter uses exc_text when it is set.
            record.exc_text = redact_tokens(logging.Formatter().formatException(record.exc_info))
        return True
