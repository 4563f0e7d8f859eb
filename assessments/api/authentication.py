"""`Authorization: Bearer <token>`: a personal API token stands for its user (assessments.access scopes it)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from assessments.api import tokens


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                gettext_lazy("The Authorization header must be “Bearer” and one token.")
            )
        try:
            text = header[1].decode()
        except UnicodeDecodeError:
            text = ""
        token = tokens.authenticate(text)
        if token is None:
            raise exceptions.AuthenticationFailed(gettext_lazy("This API token is unknown or was revoked."))
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        # Makes REST framework answer 401 (not 403) to a request without a token.
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A personal API token (account page)."}
