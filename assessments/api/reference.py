"""The API reference page: the endpoints listed in plain HTML (read at once, on any phone, without JavaScript),
and drf-spectacular's Swagger UI from our own static files only when the reader asks for it, so its megabyte of
script does not hold up the page. English only, as the API is."""

from __future__ import annotations

from functools import cache
from typing import Any

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.request import Request
from rest_framework.response import Response

METHODS = ("get", "post", "put", "patch", "delete")


@cache  # the schema is the code's: it changes only with a deploy
def endpoints() -> tuple[dict[str, Any], list[tuple[str, list[dict[str, str]]]]]:
    """The schema's title and description, and its operations grouped by tag in the schema's order."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    groups: dict[str, list[dict[str, str]]] = {}
    for path, operations in schema["paths"].items():
        for method in METHODS:
            if method in operations:
                operation = operations[method]
                summary = operation.get("summary") or operation.get("description", "").split(". ")[0]
                groups.setdefault(operation.get("tags", ["api"])[0], []).append(
                    {"method": method.upper(), "path": path, "summary": summary.strip().rstrip(".")}
                )
    return schema["info"], sorted(groups.items())


class ApiReferenceView(SpectacularSwaggerSplitView):
    @extend_schema(exclude=True)  # the page is no endpoint of the API
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().get(request, *args, **kwargs)
        if request.GET.get("script") is None:
            response.data["info"], response.data["groups"] = endpoints()
        return response
